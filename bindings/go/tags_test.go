// tags_test.go: a workbook's tags from Go: add (the answer is a StringList), the item's tag
// changes sent by UpdateTags and Update (a tag added by someone else meanwhile is kept), delete,
// a label the item does not have; tags of several items at once (BatchAdd, BatchDelete); and a
// view's tags sent by Views().Update.
package tsc_test

import (
	"errors"
	"sort"
	"strings"
	"testing"

	"libtsc.dev/tsc"
)

func sortedTags(t *testing.T, srv *tsc.Server, id string) string {
	t.Helper()
	wb, err := srv.Workbooks().GetByID(id)
	check(t, err)
	defer wb.Close()
	tags := wb.Tags()
	sort.Strings(tags)
	return strings.Join(tags, ",")
}

func TestWorkbookTags(t *testing.T) {
	srv := signIn(t)
	wb := publishSample(t, srv, "Go Tags")

	added, err := srv.Workbooks().AddTags(wb.ID(), []string{"red", "blue"})
	check(t, err)
	got := added.Items()
	added.Close()
	sort.Strings(got)
	if strings.Join(got, ",") != "blue,red" {
		t.Fatalf("add answered %v", got)
	}

	fetched, err := srv.Workbooks().GetByID(wb.ID())
	check(t, err)
	defer fetched.Close()
	edit := fetched.Clone()
	defer edit.Close()
	check(t, edit.RemoveTag("red"))
	check(t, edit.AddTag("green"))
	other, err := srv.Workbooks().AddTags(wb.ID(), []string{"other"})
	check(t, err)
	other.Close()
	synced, err := srv.Workbooks().UpdateTags(edit)
	check(t, err)
	defer synced.Close()
	if s := sortedTags(t, srv, wb.ID()); s != "blue,green,other" {
		t.Fatalf("after UpdateTags: %s", s)
	}

	again := synced.Clone()
	defer again.Close()
	check(t, again.SetName(unique("Go Tags renamed")))
	check(t, again.ClearTags())
	up, err := srv.Workbooks().Update(again)
	check(t, err)
	defer up.Close()
	// blue and green were the item's and are removed; "other", added by someone else, stays.
	if s := sortedTags(t, srv, wb.ID()); s != "other" {
		t.Fatalf("after Update: %s", s)
	}

	check(t, srv.Workbooks().DeleteTags(wb.ID(), []string{"other"}))
	if s := sortedTags(t, srv, wb.ID()); s != "" {
		t.Fatalf("after DeleteTags: %s", s)
	}
	err = srv.Workbooks().DeleteTags(wb.ID(), []string{"other"})
	if !errors.Is(err, tsc.ErrNotFound) || asTsc(t, err).ServerCode != "404007" {
		t.Fatalf("deleting a tag the workbook lacks: %v", err)
	}
	defer func() { check(t, srv.Workbooks().Delete(wb.ID())) }()
	if _, err := srv.Workbooks().AddTags(wb.ID(), nil); !errors.Is(err, tsc.ErrInvalidArgument) {
		t.Fatalf("no labels: %v", err)
	}
}

// Tags of a workbook and a data source at once: added and removed in one request each, and a
// batch naming an unknown item changes nothing.
func TestBatchTags(t *testing.T) {
	srv := signIn(t)
	wb := publishSample(t, srv, "Go Batch")
	defer func() { check(t, srv.Workbooks().Delete(wb.ID())) }()
	ds := publishDatasource(t, srv)
	defer func() { check(t, srv.Datasources().Delete(ds.ID())) }()

	targets, err := tsc.NewTagTargets()
	check(t, err)
	defer targets.Close()
	check(t, targets.Add("Workbook", wb.ID()))
	check(t, targets.Add("Datasource", ds.ID()))
	if err := targets.Add("Spreadsheet", wb.ID()); !errors.Is(err, tsc.ErrInvalidArgument) {
		t.Fatalf("an unknown content type: %v", err)
	}
	added, err := srv.Tags().BatchAdd([]string{"go-a", "go-b"}, targets)
	check(t, err)
	if added.Count() != 2 {
		t.Fatalf("batch add answered %v", added.Items())
	}
	added.Close()
	if s := sortedTags(t, srv, wb.ID()); s != "go-a,go-b" {
		t.Fatalf("workbook after batch add: %s", s)
	}
	got, err := srv.Datasources().GetByID(ds.ID())
	check(t, err)
	if got.TagCount() != 2 {
		t.Fatalf("data source after batch add: %v", got.Tags())
	}
	got.Close()

	bad, err := tsc.NewTagTargets()
	check(t, err)
	defer bad.Close()
	check(t, bad.Add("Workbook", wb.ID()))
	check(t, bad.Add("Datasource", "00000000-0000-0000-0000-000000000000"))
	if _, err := srv.Tags().BatchAdd([]string{"never"}, bad); !errors.Is(err, tsc.ErrNotFound) {
		t.Fatalf("an unknown item: %v", err)
	}
	if s := sortedTags(t, srv, wb.ID()); s != "go-a,go-b" {
		t.Fatalf("a refused batch changed the workbook: %s", s)
	}

	// A view's own tag changes, sent by Views().Update (only a view's tags change).
	views, err := srv.Workbooks().PopulateViews(wb, false)
	check(t, err)
	defer views.Close()
	view, err := srv.Views().GetByID(views.Get(0).ID(), false)
	check(t, err)
	defer view.Close()
	edit := view.Clone()
	defer edit.Close()
	check(t, edit.AddTag("go-view"))
	updated, err := srv.Views().Update(edit)
	check(t, err)
	updated.Close()
	fetched, err := srv.Views().GetByID(view.ID(), false)
	check(t, err)
	if tags := fetched.Tags(); len(tags) != 1 || tags[0] != "go-view" {
		t.Fatalf("view tags after Update: %v", tags)
	}
	fetched.Close()

	removed, err := srv.Tags().BatchDelete([]string{"go-a"}, targets)
	check(t, err)
	removed.Close()
	if s := sortedTags(t, srv, wb.ID()); s != "go-b" {
		t.Fatalf("workbook after batch delete: %s", s)
	}
}
