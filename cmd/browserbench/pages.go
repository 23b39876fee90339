package main

import (
	"context"
	"errors"
	"strings"
	"time"
)

// visitPlayground times the playground's first visits and measures what the
// first of them downloads.
func visitPlayground(br *browser, base string, visits int) pageLoad {
	pl := pageLoad{Name: playgroundPage}
	for i := range visits {
		tab, ms, err := br.open(base+"/", playgroundReady, time.Minute, readyMarks)
		if err != nil {
			pl.Err = err.Error()
			return pl
		}
		pl.ReadyMs = append(pl.ReadyMs, ms)
		if stages, err := readyStages(tab.ctx); err == nil {
			pl.Stages = append(pl.Stages, stages)
		}
		if i == 0 {
			tab.waitServiceWorker(5 * time.Second)
			if err := pl.measureDownload(tab, func(string) bool { return true }); err != nil {
				pl.Err = err.Error()
			}
		}
		tab.close()
	}
	logf("%s: ready %s ms (median of %d), %s gzip", pl.Name, num(summarize(pl.ReadyMs).Median), visits, mb(pl.GzipBytes))
	return pl
}

// benchPage is a benchmark page kept open for the whole run.
type benchPage struct {
	t         trainer
	name, url string
	download  func(url string) bool // which fetches count as the page's download
	suffix    string                // added to every spec's settings query (ours: "&workers=1")

	tab   *tab
	load  pageLoad
	about map[string]any
}

// open loads the page in a fresh browser context and measures its load.
func (pg *benchPage) open(br *browser) error {
	pg.load = pageLoad{Name: pg.name}
	tab, ms, err := br.open(pg.url, benchReady, 2*time.Minute)
	if err != nil {
		pg.load.Err = "did not load"
		return err
	}
	pg.tab = tab
	pg.load.ReadyMs = []float64{ms}
	if err := pg.load.measureDownload(tab, pg.download); err != nil {
		pg.load.Err = err.Error()
	}
	pg.about = tab.about()
	logf("%s: ready %s ms, %s gzip", pg.name, num(ms), mb(pg.load.GzipBytes))
	return nil
}

func (pg *benchPage) close() {
	if pg.tab != nil {
		pg.tab.close()
	}
}

// run measures one spec, unless done (this page's results so far) predicts
// it would be too slow. A run that times out leaves the page busy, so the
// page is loaded again for the next one.
func (pg *benchPage) run(br *browser, s spec, done map[string]result, specs []spec, maxStep time.Duration) result {
	if pg.tab == nil {
		return result{Err: "the page could not be loaded again after a timeout"}
	}
	if why, skip := tooSlow(done, specs, s, maxStep); skip {
		return result{Err: why}
	}
	timeout := 3 * time.Minute
	if s.Config == "large" {
		timeout = 5 * time.Minute
	}
	s.Query += pg.suffix
	res, err := pg.tab.run(s, timeout)
	if err == nil {
		return res
	}
	if errors.Is(err, context.DeadlineExceeded) {
		pg.tab.close()
		pg.tab = nil
		if tab, _, err := br.open(pg.url, benchReady, 2*time.Minute); err == nil {
			pg.tab = tab
		}
	}
	return result{Err: err.Error()}
}

// inNodeModules keeps an anchor's library files, not our page around it.
func inNodeModules(url string) bool { return strings.Contains(url, "/node_modules/") }

// measureDownload sums the gzip size of the distinct URLs the tab fetched
// that keep accepts.
func (pl *pageLoad) measureDownload(tab *tab, keep func(string) bool) error {
	urls, err := tab.fetchedURLs()
	if err != nil {
		return err
	}
	for _, u := range urls {
		if !keep(u) {
			continue
		}
		n, err := gzipSize(rawClient, u)
		if errors.Is(err, errNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		pl.GzipBytes += n
		pl.Files++
	}
	return nil
}
