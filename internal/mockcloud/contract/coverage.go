package contract

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// CoverageDirEnv names a folder where each checked mock appends what it saw
// (one JSON line per mock and API). scripts/test.sh sets it for the whole
// acceptance run and then runs the TestConformance tests over it.
const CoverageDirEnv = "CLOUDORDER_CONTRACT_COVERAGE"

type coverageLine struct {
	API        string         `json:"api"`
	Requests   int            `json:"requests"`
	Responses  int            `json:"responses"`
	Violations int            `json:"violations"`
	Seen       map[string]int `json:"seen"`
}

var appendMu sync.Mutex

// AppendCoverage adds what c saw to dir (a file per process), so that
// the acceptance tests of every package add up to one coverage.
func (c *Checker) AppendCoverage(dir string) error {
	if dir == "" {
		return nil
	}
	violations := map[string]int{}
	for _, v := range c.Violations() {
		violations[v.API]++
	}
	appendMu.Lock()
	defer appendMu.Unlock()
	f, err := os.OpenFile(filepath.Join(dir, fmt.Sprintf("coverage-%d.jsonl", os.Getpid())), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	for api, s := range c.Stats() {
		if err := enc.Encode(coverageLine{API: api, Requests: s.Requests, Responses: s.Responses, Violations: violations[api], Seen: s.Seen}); err != nil {
			return err
		}
	}
	return nil
}

// Coverage is what every checked mock of a run saw of one API.
type Coverage struct {
	API        string
	Requests   int
	Responses  int
	Violations int
	// Statuses lists, per operation id, the statuses seen.
	Statuses map[string][]int
}

// ReadCoverage adds up the coverage files in dir.
func ReadCoverage(dir string) (map[string]*Coverage, error) {
	files, err := filepath.Glob(filepath.Join(dir, "coverage-*.jsonl"))
	if err != nil {
		return nil, err
	}
	out := map[string]*Coverage{}
	statuses := map[string]map[string]map[int]bool{}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var l coverageLine
			if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
				f.Close()
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			cv := out[l.API]
			if cv == nil {
				cv = &Coverage{API: l.API, Statuses: map[string][]int{}}
				out[l.API] = cv
				statuses[l.API] = map[string]map[int]bool{}
			}
			cv.Requests += l.Requests
			cv.Responses += l.Responses
			cv.Violations += l.Violations
			for key := range l.Seen {
				op, code, ok := strings.Cut(key, " ")
				status, err := strconv.Atoi(code)
				if !ok || err != nil {
					continue
				}
				if statuses[l.API][op] == nil {
					statuses[l.API][op] = map[int]bool{}
				}
				statuses[l.API][op][status] = true
			}
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	for api, ops := range statuses {
		for op, set := range ops {
			for status := range set {
				out[api].Statuses[op] = append(out[api].Statuses[op], status)
			}
			sort.Ints(out[api].Statuses[op])
		}
	}
	return out, nil
}

// Exercised reports whether op was answered with a success (2xx or 3xx).
func (cv *Coverage) Exercised(op string) bool {
	for _, s := range cv.Statuses[op] {
		if s < 400 {
			return true
		}
	}
	return false
}
