#!/usr/bin/python3
"""Joins the outputs of bench/native.sh into one Markdown table.

    table.py GO_BENCH_OUT WASM_BENCH_OUT TORCH_JSONL

GO_BENCH_OUT and WASM_BENCH_OUT are `go test -bench 'Step/' -count N`
outputs of rnn (the wasm one may be empty), TORCH_JSONL the lines of
pytorch_bench.py -json. Every figure is the best step of its run (the
fastest of the -count repeats for Go, min_ms for PyTorch): on a shared
machine the least disturbed sample is the one that compares. Ratios
compare rows of the same run.
"""
import json
import re
import sys

LINE = re.compile(r"^BenchmarkStep/(\w+)/(\w+)(?:-\d+)?\s+\d+\s+(.*)$")


def go_results(path):
    """{(config, cell): {unit: value}} from go test -bench output."""
    out = {}
    try:
        text = open(path, encoding="utf-8").read()
    except FileNotFoundError:
        return out
    for line in text.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        fields = m.group(3).split()
        metrics = {fields[i + 1]: float(fields[i]) for i in range(0, len(fields) - 1, 2)}
        key = (m.group(1), m.group(2))
        if key not in out or metrics["ns/step"] < out[key]["ns/step"]:
            out[key] = metrics
    return out


def fmt_ms(ns):
    ms = ns / 1e6
    return f"{ms:.3f}" if ms < 1 else f"{ms:.1f}" if ms < 100 else f"{ms:.0f}"


def main():
    native, wasm = go_results(sys.argv[1]), go_results(sys.argv[2])
    torch = {}
    for line in open(sys.argv[3], encoding="utf-8"):
        if line.strip():
            r = json.loads(line)
            r["ms_per_step"] = r["min_ms"]
            torch[(r["config"], r["cell"])] = r
    print("| config | cell | PyTorch ms/step | Go ms/step | Go tokens/s | PyTorch ÷ Go | "
          "wasm ms/step | wasm ÷ Go | wasm GFLOP/s | 151 steps: PyTorch / Go / wasm (ms) |")
    print("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    for key in sorted(set(native) | set(torch), key=lambda k: (["notebook", "classroom", "large"].index(k[0]), k[1])):
        cfg, cell = key
        n, w, t = native.get(key), wasm.get(key), torch.get(key)
        row = [cfg, cell]
        row.append(fmt_ms(t["ms_per_step"] * 1e6) if t else "–")
        row.append(fmt_ms(n["ns/step"]) if n else "–")
        row.append(f"{n['tokens/s']:,.0f}" if n else "–")
        row.append(f"{t['ms_per_step'] * 1e6 / n['ns/step']:.1f}×" if n and t else "–")
        row.append(fmt_ms(w["ns/step"]) if w else "–")
        row.append(f"{w['ns/step'] / n['ns/step']:.2f}" if w and n else "–")
        row.append(f"{w['GFLOP/s']:.2f}" if w else "–")
        if cfg == "notebook":
            parts = [f"{t['ms_per_step'] * 151:.0f}" if t else "–",
                     f"{n['ns/step'] * 151 / 1e6:.1f}" if n else "–",
                     f"{w['ns/step'] * 151 / 1e6:.1f}" if w else "–"]
            row.append(" / ".join(parts))
        else:
            row.append("")
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
