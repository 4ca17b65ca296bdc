// revisions_test.go: a workbook's and a data source's revisions from Go: each publish over them adds
// one, every revision streams back byte-identical to what was published then, a removed one is
// listed as removed and is gone (ErrNotFound), the current one cannot be removed; and a workbook
// as a PowerPoint presentation.
package tsc_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"testing"

	"libtsc.dev/tsc"
)

func TestRevisions(t *testing.T) {
	srv := signIn(t)
	ctx := context.Background()
	files := []string{sample(t, "Superstore.twbx"), sample(t, "Regional.twb")}
	item, err := tsc.NewWorkbook(unique("Go Revisions"), defaultProject(t, srv))
	check(t, err)
	defer item.Close()
	var wb *tsc.Workbook
	for i, f := range files {
		var mode int32 = tsc.PublishModeCreateNew
		if i > 0 {
			mode = tsc.PublishModeOverwrite
		}
		out, _, err := srv.Workbooks().Publish(ctx, item, f, mode, nil, nil)
		check(t, err)
		if wb == nil {
			wb = out
		} else {
			out.Close()
		}
	}
	defer wb.Close()

	revs, err := srv.Workbooks().PopulateRevisions(wb)
	check(t, err)
	if revs.Count() != 2 {
		t.Fatalf("%d revisions, want 2", revs.Count())
	}
	for i, r := range revs.Items() {
		if r.RevisionNumber() != int64(i+1) || r.Current() != map[bool]int32{true: 1, false: 0}[i == 1] || r.Deleted() != 0 {
			t.Fatalf("revision %d: number %d current %d deleted %d", i, r.RevisionNumber(), r.Current(), r.Deleted())
		}
		want, err := os.ReadFile(files[i])
		check(t, err)
		var got bytes.Buffer
		check(t, srv.Workbooks().DownloadRevisionToWriter(ctx, wb.ID(), uint32(i+1), &got, nil))
		if !bytes.Equal(got.Bytes(), want) || r.SizeInBytes() != int64(len(want)) {
			t.Fatalf("revision %d: %d bytes (size %d), want %d", i+1, got.Len(), r.SizeInBytes(), len(want))
		}
	}
	revs.Close()

	if err := srv.Workbooks().DeleteRevision(wb.ID(), 2); !errors.Is(err, tsc.ErrForbidden) {
		t.Fatalf("removing the current revision: %v", err)
	}
	check(t, srv.Workbooks().DeleteRevision(wb.ID(), 1))
	revs, err = srv.Workbooks().PopulateRevisions(wb)
	check(t, err)
	if revs.Count() != 2 || revs.Get(0).Deleted() != 1 {
		t.Fatalf("revision 1 is not listed as removed")
	}
	revs.Close()
	dir := t.TempDir()
	if _, err := srv.Workbooks().DownloadRevision(ctx, wb.ID(), 1, dir, nil); !errors.Is(err, tsc.ErrNotFound) {
		t.Fatalf("downloading a removed revision: %v", err)
	}
	if _, err := srv.Workbooks().DownloadRevision(ctx, wb.ID(), 0, dir, nil); !errors.Is(err, tsc.ErrInvalidArgument) {
		t.Fatalf("revision 0: %v", err)
	}
	check(t, srv.Workbooks().Delete(wb.ID()))

	ds := publishRevised(t, srv, unique("Go Revised Source"), sample(t, "Sales.tds"), sample(t, "Sales.tdsx"))
	defer ds.Close()
	path, err := srv.Datasources().DownloadRevisionToFile(ctx, ds.ID(), 1, fmt.Sprintf("%s/one.tds", dir), nil)
	check(t, err)
	got, err := os.ReadFile(path)
	check(t, err)
	want, err := os.ReadFile(sample(t, "Sales.tds"))
	check(t, err)
	if !bytes.Equal(got, want) {
		t.Fatalf("data source revision 1 differs")
	}
	check(t, srv.Datasources().DeleteRevision(ds.ID(), 1))
	if err := srv.Datasources().DeleteRevision(ds.ID(), 1); !errors.Is(err, tsc.ErrNotFound) {
		t.Fatalf("removing a removed revision: %v", err)
	}
	check(t, srv.Datasources().Delete(ds.ID()))
}

// publishRevised publishes `files` in turn as one data source (the first creates it).
func publishRevised(t *testing.T, srv *tsc.Server, name string, files ...string) *tsc.Datasource {
	t.Helper()
	item, err := tsc.NewDatasource(name, defaultProject(t, srv))
	check(t, err)
	defer item.Close()
	var ds *tsc.Datasource
	for i, f := range files {
		var mode int32 = tsc.PublishModeCreateNew
		if i > 0 {
			mode = tsc.PublishModeOverwrite
		}
		out, _, err := srv.Datasources().Publish(context.Background(), item, f, mode, nil, nil)
		check(t, err)
		if ds == nil {
			ds = out
		} else {
			out.Close()
		}
	}
	return ds
}

func TestPowerpoint(t *testing.T) {
	srv := signIn(t)
	wb := publishSample(t, srv, "Go Slides")
	views, err := srv.Workbooks().PopulateViews(wb, false)
	check(t, err)
	defer views.Close()
	opts, err := tsc.NewExportOptions()
	check(t, err)
	defer opts.Close()
	check(t, opts.SetMaxAge(5))
	deck, err := srv.Workbooks().PopulatePowerpoint(wb.ID(), opts)
	check(t, err)
	b := deck.Data()
	deck.Close()
	if !bytes.HasPrefix(b, []byte("PK\x03\x04")) || !bytes.Contains(b, []byte("ppt/presentation.xml")) {
		t.Fatalf("not a pptx package")
	}
	n := views.Count()
	if !bytes.Contains(b, []byte(fmt.Sprintf("ppt/slides/slide%d.xml", n))) || bytes.Contains(b, []byte(fmt.Sprintf("ppt/slides/slide%d.xml", n+1))) {
		t.Fatalf("not one slide per view (%d views)", n)
	}
	if !bytes.Contains(b, []byte("<a:t>Sales by Region</a:t>")) {
		t.Fatalf("no slide titled with its view")
	}
	check(t, srv.Workbooks().Delete(wb.ID()))
}
