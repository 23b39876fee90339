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
// part of the project owns it. It prints JSON lines with -json.
const pytorchScript = "bench/pytorch_bench.py"

// runPyTorch runs the script with Debian's Python (where python3-torch is)
// and returns its results by "config/cell". A missing script is not an
// error: the report says the column is empty and why.
func runPyTorch(root, python string, configNames []string, timeout time.Duration) (map[string]result, string, error) {
	script := filepath.Join(root, pytorchScript)
	if _, err := os.Stat(script); err != nil {
		return nil, "", fmt.Errorf("%s is not in the repository yet", pytorchScript)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, script, "-json", "-configs", strings.Join(configNames, ","))
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "OMP_NUM_THREADS=1", "MKL_NUM_THREADS=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, "", fmt.Errorf("%s %s -json: %w: %s", python, pytorchScript, err, lastLine(stderr.String()))
	}
	res, version, err := parsePyTorch(stdout.Bytes())
	if err != nil {
		return nil, "", fmt.Errorf("reading the output of %s: %w", pytorchScript, err)
	}
	return res, version, nil
}

// parsePyTorch reads the script's -json output: one JSON object per line
// (a JSON array, or an object whose "results" is one, also do). A record
// names its "config" and "cell" and gives "ms_per_step" (the median over
// "steps" single steps) with "min_ms" and "max_ms", or a list of samples;
// "torch" is PyTorch's version.
func parsePyTorch(data []byte) (map[string]result, string, error) {
	var list []map[string]any
	var doc struct {
		Results []map[string]any `json:"results"`
	}
	switch trimmed := bytes.TrimSpace(data); {
	case len(trimmed) == 0:
	case trimmed[0] == '[':
		if err := json.Unmarshal(trimmed, &list); err != nil {
			return nil, "", err
		}
	case json.Unmarshal(trimmed, &doc) == nil && doc.Results != nil:
		list = doc.Results
	default:
		for _, line := range bytes.Split(trimmed, []byte("\n")) {
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			var rec map[string]any
			if err := json.Unmarshal(line, &rec); err != nil {
				return nil, "", err
			}
			list = append(list, rec)
		}
	}
	if len(list) == 0 {
		return nil, "", errors.New("no results")
	}
	out := map[string]result{}
	version := ""
	for _, rec := range list {
		cfg, cell := str(rec, "config", "configuration", "name"), strings.ToUpper(str(rec, "cell"))
		if cfg == "" || cell == "" {
			return nil, "", fmt.Errorf("a record without config or cell: %v", rec)
		}
		var r result
		switch v := rec["ms_per_step"].(type) {
		case float64:
			r.MsPerStep = []float64{v}
			for _, k := range []string{"min_ms", "max_ms"} {
				if x, ok := rec[k].(float64); ok {
					r.MsPerStep = append(r.MsPerStep, x) // with the median, they summarize to the same median and range
				}
			}
			if n, ok := rec["steps"].(float64); ok {
				r.Sampling = fmt.Sprintf("median of %d single steps", int(n))
			}
		case []any:
			for _, x := range v {
				if f, ok := x.(float64); ok {
					r.MsPerStep = append(r.MsPerStep, f)
				}
			}
		}
		if len(r.MsPerStep) == 0 {
			return nil, "", fmt.Errorf("%s %s: no ms_per_step", cfg, cell)
		}
		out[cfg+"/"+cell] = r
		version = firstNonEmpty(version, str(rec, "torch", "version"))
	}
	return out, version, nil
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
