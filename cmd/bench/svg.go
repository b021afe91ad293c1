package main

import (
	"cmp"
	"fmt"
	"html"
	"math"
	"slices"
	"strings"
)

// The picture: one panel per backend, apply time against N for each
// poller beside the ideal (ceil(N/P) × D), the floor (the same apply with
// D = 0) and ideal + floor. Plain SVG, written by hand.

const (
	panelW, panelH = 340, 260
	marginL        = 52
	marginR        = 14
	marginT        = 30
	marginB        = 40
	legendH        = 44
)

// series is one line of a panel.
type series struct {
	name   string
	color  string
	dashes string // stroke-dasharray, "" for solid
	points [][2]float64
}

// svg renders the report's apply times.
func (r report) svg() []byte {
	var backends []string
	for _, run := range r.Runs {
		if run.Variant == variantPlain && !slices.Contains(backends, run.Backend) {
			backends = append(backends, run.Backend)
		}
	}
	width := max(1, len(backends)) * panelW
	height := legendH + panelH
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">`+"\n",
		width, height, width, height)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="white"/>`+"\n", width, height)
	fmt.Fprintf(&b, `<text x="8" y="16" font-size="13">terraform apply time against N (D = %s, P = %d, latency %s)</text>`+"\n",
		html.EscapeString(r.Delay), r.Parallelism, html.EscapeString(r.Latency))
	// The legend lists the lines that some panel draws.
	drawn := map[string]bool{}
	for _, backend := range backends {
		for _, s := range r.seriesFor(backend) {
			drawn[s.name] = drawn[s.name] || len(s.points) > 0
		}
	}
	x := 8
	for _, s := range r.seriesFor("") {
		if !drawn[s.name] {
			continue
		}
		fmt.Fprintf(&b, `<line x1="%d" y1="32" x2="%d" y2="32" stroke="%s" stroke-width="2"%s/>`, x, x+22, s.color, dashAttr(s.dashes))
		fmt.Fprintf(&b, `<text x="%d" y="36">%s</text>`+"\n", x+26, html.EscapeString(s.name))
		x += 34 + 7*len(s.name)
	}
	for i, backend := range backends {
		r.panel(&b, backend, i*panelW, legendH)
	}
	b.WriteString("</svg>\n")
	return []byte(b.String())
}

// seriesFor returns the lines of one backend's panel ("" gives every line
// with no points, for the legend).
func (r report) seriesFor(backend string) []series {
	latency := "tuned, latency"
	for _, run := range r.Runs {
		if run.Variant == variantLatency {
			latency = "tuned, latency " + seconds(run.LatencySeconds)
			break
		}
	}
	out := []series{
		{name: "tuned", color: "#1f77b4"},
		{name: "baseline", color: "#ff7f0e"},
		{name: latency, color: "#9467bd"},
		{name: "ideal", color: "#7f7f7f", dashes: "6,4"},
		{name: "floor (D = 0)", color: "#2ca02c"},
		{name: "ideal + floor", color: "#000000", dashes: "2,3"},
	}
	if backend == "" {
		return out
	}
	floors := map[int]float64{}
	for _, run := range r.Runs {
		if run.Backend == backend && run.Variant == variantFloor && run.Error == "" && run.LatencySeconds == 0 {
			floors[run.N] = run.Apply.WallSeconds
		}
	}
	ideals := map[int]float64{}
	for _, run := range r.Runs {
		if run.Backend != backend || run.Error != "" {
			continue
		}
		pt := [2]float64{float64(run.N), run.Apply.WallSeconds}
		switch {
		case run.Variant == variantPlain && run.Poller == pollerTuned:
			out[0].points = append(out[0].points, pt)
		case run.Variant == variantPlain && run.Poller == pollerBaseline:
			out[1].points = append(out[1].points, pt)
		case run.Variant == variantLatency:
			out[2].points = append(out[2].points, pt)
		default:
			continue
		}
		if run.Variant == variantPlain {
			ideals[run.N] = run.Apply.IdealSeconds
		}
	}
	for n, ideal := range ideals {
		out[3].points = append(out[3].points, [2]float64{float64(n), ideal})
		if f, ok := floors[n]; ok {
			out[5].points = append(out[5].points, [2]float64{float64(n), ideal + f})
		}
	}
	for n, f := range floors {
		out[4].points = append(out[4].points, [2]float64{float64(n), f})
	}
	for i := range out {
		slices.SortFunc(out[i].points, func(a, b [2]float64) int { return cmp.Compare(a[0], b[0]) })
	}
	return out
}

func (r report) panel(b *strings.Builder, backend string, left, top int) {
	lines := r.seriesFor(backend)
	var ns []float64
	maxY := 1.0
	for _, s := range lines {
		for _, p := range s.points {
			if !slices.Contains(ns, p[0]) {
				ns = append(ns, p[0])
			}
			maxY = math.Max(maxY, p[1])
		}
	}
	slices.Sort(ns)
	maxX := 1.0
	if len(ns) > 0 {
		maxX = ns[len(ns)-1]
	}
	step := niceStep(maxY / 5)
	maxY = math.Ceil(maxY/step) * step
	x0, y0 := float64(left+marginL), float64(top+panelH-marginB)
	w, h := float64(panelW-marginL-marginR), float64(panelH-marginT-marginB)
	px := func(n float64) float64 { return x0 + n/maxX*w }
	py := func(s float64) float64 { return y0 - s/maxY*h }

	fmt.Fprintf(b, `<text x="%d" y="%d" font-size="12" font-weight="bold">%s</text>`+"\n", left+marginL, top+marginT-12, html.EscapeString(backend))
	fmt.Fprintf(b, `<path d="M%.1f %.1f V%.1f H%.1f" fill="none" stroke="#333"/>`+"\n", x0, py(maxY), y0, x0+w)
	for v := 0.0; v <= maxY+step/2; v += step {
		fmt.Fprintf(b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ddd"/><text x="%.1f" y="%.1f" text-anchor="end">%gs</text>`+"\n",
			x0, py(v), x0+w, py(v), x0-4, py(v)+4, v)
	}
	for _, n := range ns {
		fmt.Fprintf(b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#333"/><text x="%.1f" y="%.1f" text-anchor="middle">%g</text>`+"\n",
			px(n), y0, px(n), y0+4, px(n), y0+16, n)
	}
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="middle">N</text>`+"\n", x0+w/2, y0+32)
	for _, s := range lines {
		if len(s.points) == 0 {
			continue
		}
		var d strings.Builder
		for i, p := range s.points {
			cmd := "L"
			if i == 0 {
				cmd = "M"
			}
			fmt.Fprintf(&d, "%s%.1f %.1f ", cmd, px(p[0]), py(p[1]))
		}
		fmt.Fprintf(b, `<path d="%s" fill="none" stroke="%s" stroke-width="2"%s/>`+"\n", strings.TrimSpace(d.String()), s.color, dashAttr(s.dashes))
		for _, p := range s.points {
			fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="2.5" fill="%s"><title>%s N=%g: %.1fs</title></circle>`+"\n",
				px(p[0]), py(p[1]), s.color, html.EscapeString(s.name), p[0], p[1])
		}
	}
}

func dashAttr(d string) string {
	if d == "" {
		return ""
	}
	return fmt.Sprintf(` stroke-dasharray="%s"`, d)
}

// niceStep rounds a raw tick step up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}
