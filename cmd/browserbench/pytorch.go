package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// pytorchScript times PyTorch natively on the same configurations; another
// part of the project owns it. It prints JSON with --json.
const pytorchScript = "bench/pytorch_bench.py"

// runPyTorch runs the script with Debian's Python (where python3-torch is)
// and returns its results by "config/cell". A missing script is not an
// error: the report says the column is empty and why.
func runPyTorch(root, python string, timeout time.Duration) (map[string]result, string, error) {
	script := filepath.Join(root, pytorchScript)
	if _, err := os.Stat(script); err != nil {
		return nil, "", fmt.Errorf("%s is not in the repository yet", pytorchScript)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, script, "--json")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "OMP_NUM_THREADS=1", "MKL_NUM_THREADS=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, "", fmt.Errorf("%s %s --json: %w: %s", python, pytorchScript, err, lastLine(stderr.String()))
	}
	res, version, err := parsePyTorch(stdout.Bytes())
	if err != nil {
		return nil, "", fmt.Errorf("reading the output of %s: %w", pytorchScript, err)
	}
	return res, version, nil
}

// parsePyTorch reads the script's JSON: a list of records, or an object whose
// "results" is that list (and "torch" or "version" its PyTorch version). A
// record names its "config" and "cell" and gives ms per step either as
// samples ("ms_per_step": [...]) or as "ms_per_step_median"/"_min"/"_max",
// and for the notebook the 151 steps' total likewise ("total_ms").
func parsePyTorch(data []byte) (map[string]result, string, error) {
	var doc struct {
		Results []map[string]any `json:"results"`
		Torch   string           `json:"torch"`
		Version string           `json:"version"`
	}
	var list []map[string]any
	if err := json.Unmarshal(data, &list); err != nil {
		if err := json.Unmarshal(data, &doc); err != nil {
			return nil, "", err
		}
		list = doc.Results
	}
	if len(list) == 0 {
		return nil, "", errors.New("no results")
	}
	out := map[string]result{}
	for _, rec := range list {
		cfg, cell := str(rec, "config", "configuration", "name"), strings.ToUpper(str(rec, "cell"))
		if cfg == "" || cell == "" {
			return nil, "", fmt.Errorf("a record without config or cell: %v", rec)
		}
		r := result{
			MsPerStep: samples(rec, "ms_per_step"),
			TotalsMs:  samples(rec, "total_ms"),
		}
		if len(r.MsPerStep) == 0 {
			return nil, "", fmt.Errorf("%s %s: no ms_per_step", cfg, cell)
		}
		out[cfg+"/"+cell] = r
	}
	return out, firstNonEmpty(doc.Torch, doc.Version), nil
}

// samples reads key as a list of numbers, a number, or key_median/_min/_max
// (which summarize back to the same median and range).
func samples(rec map[string]any, key string) []float64 {
	switch v := rec[key].(type) {
	case float64:
		return []float64{v}
	case []any:
		var xs []float64
		for _, x := range v {
			if f, ok := x.(float64); ok {
				xs = append(xs, f)
			}
		}
		return xs
	}
	var xs []float64
	for _, suffix := range []string{"_min", "_median", "_max"} {
		if f, ok := rec[key+suffix].(float64); ok {
			xs = append(xs, f)
		}
	}
	return xs
}

func str(rec map[string]any, keys ...string) string {
	for _, k := range keys {
		if s, ok := rec[k].(string); ok && s != "" {
			return s
		}
	}
	return ""
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
