// transfers_test.go: workbooks published from a sample file and downloaded back with progress,
// to a directory, a file and an io.Writer; their views with a preview image; data sources
// published from an io.Reader with their connections.
package tsc_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"libtsc.dev/tsc"
)

// progress records the calls of a ProgressFunc.
type progress struct {
	calls int
	last  uint64
	total int64
}

func (p *progress) options(t *testing.T) *tsc.TransferOptions {
	t.Helper()
	o, err := tsc.NewTransferOptions()
	check(t, err)
	t.Cleanup(o.Close)
	check(t, o.SetProgress(func(done uint64, total int64) error {
		p.calls++
		p.last, p.total = done, total
		return nil
	}))
	return o
}

func publishWorkbook(t *testing.T, srv *tsc.Server, name string, o *tsc.TransferOptions) *tsc.Workbook {
	t.Helper()
	item, err := tsc.NewWorkbook(name, defaultProject(t, srv))
	check(t, err)
	defer item.Close()
	wb, job, err := srv.Workbooks().Publish(context.Background(), item, sample(t, "Superstore.twbx"), tsc.PublishModeOverwrite, nil, o)
	check(t, err)
	job.Close()
	t.Cleanup(wb.Close)
	return wb
}

func TestWorkbookPublishDownloadWithProgress(t *testing.T) {
	srv := signIn(t)
	var up progress
	name := unique("Go Workbook")
	wb := publishWorkbook(t, srv, name, up.options(t))
	info, err := os.Stat(sample(t, "Superstore.twbx"))
	check(t, err)
	if wb.ID() == "" || wb.Name() != name {
		t.Fatalf("published %q %q", wb.ID(), wb.Name())
	}
	if up.calls < 2 || up.last != uint64(info.Size()) || up.total != info.Size() {
		t.Fatalf("upload progress %+v, file %d", up, info.Size())
	}

	var down progress
	dir := t.TempDir()
	path, err := srv.Workbooks().Download(context.Background(), wb.ID(), dir, down.options(t))
	check(t, err)
	if filepath.Dir(path) != dir {
		t.Fatalf("downloaded to %q", path)
	}
	got, err := os.ReadFile(path)
	check(t, err)
	want, err := os.ReadFile(sample(t, "Superstore.twbx"))
	check(t, err)
	if !bytes.Equal(got, want) {
		t.Fatalf("downloaded %d bytes, published %d", len(got), len(want))
	}
	if down.calls < 2 || down.last != uint64(len(want)) {
		t.Fatalf("download progress %+v", down)
	}
	var buf bytes.Buffer
	check(t, srv.Workbooks().DownloadToWriter(context.Background(), wb.ID(), &buf, nil))
	if !bytes.Equal(buf.Bytes(), want) {
		t.Fatalf("writer got %d bytes", buf.Len())
	}
	file := filepath.Join(dir, "copy.twbx")
	written, err := srv.Workbooks().DownloadToFile(context.Background(), wb.ID(), file, nil)
	check(t, err)
	if written != file {
		t.Fatalf("download to file: %q", written)
	}

	ro, err := tsc.NewRequestOptions()
	check(t, err)
	defer ro.Close()
	check(t, ro.AddFilter("name", tsc.FilterOpEq, name))
	list, err := srv.Workbooks().Get(ro)
	check(t, err)
	if list.Count() != 1 || list.Get(0).ID() != wb.ID() {
		t.Fatalf("filtered workbooks: %d", list.Count())
	}
	list.Close()
	check(t, srv.Workbooks().Delete(wb.ID()))
}

func TestViewsOfAPublishedWorkbook(t *testing.T) {
	srv := signIn(t)
	wb := publishWorkbook(t, srv, unique("Go Views"), nil)
	views, err := srv.Workbooks().PopulateViews(wb, false)
	check(t, err)
	defer views.Close()
	if views.Count() < 3 {
		t.Fatalf("%d views", views.Count())
	}
	names := map[string]bool{}
	for _, v := range views.Items() {
		names[v.Name()] = true
	}
	if !names["Sales by Region"] {
		t.Fatalf("views: %v", names)
	}
	v, err := srv.Views().GetByID(views.Get(0).ID(), true)
	check(t, err)
	defer v.Close()
	if v.WorkbookID() != wb.ID() {
		t.Fatalf("view's workbook %q", v.WorkbookID())
	}
	img, err := srv.Views().PopulatePreviewImage(v)
	check(t, err)
	defer img.Close()
	data := img.Data()
	if len(data) == 0 || len(data) != img.Len() {
		t.Fatalf("preview image: %d bytes, Len %d", len(data), img.Len())
	}
	all, err := srv.Views().Get(nil, false)
	check(t, err)
	defer all.Close()
	if all.Count() < views.Count() {
		t.Fatalf("all views %d < %d", all.Count(), views.Count())
	}
}

func TestDatasourcePublishFromReader(t *testing.T) {
	srv := signIn(t)
	data, err := os.ReadFile(sample(t, "Sales.tdsx"))
	check(t, err)
	name := unique("Go Datasource")
	item, err := tsc.NewDatasource(name, defaultProject(t, srv))
	check(t, err)
	defer item.Close()
	ds, job, err := srv.Datasources().PublishFromReader(context.Background(), item, "Sales.tdsx", uint64(len(data)), bytes.NewReader(data), tsc.PublishModeCreateNew, nil, nil)
	check(t, err)
	job.Close()
	defer ds.Close()
	if ds.Name() != name {
		t.Fatalf("published %q", ds.Name())
	}
	got, err := srv.Datasources().GetByID(ds.ID())
	check(t, err)
	defer got.Close()
	conns, err := srv.Datasources().PopulateConnections(got)
	check(t, err)
	defer conns.Close()
	if conns.Count() < 1 || conns.Get(0).ServerAddress() == "" {
		t.Fatalf("connections: %d", conns.Count())
	}
	change := got.Clone()
	defer change.Close()
	check(t, change.SetDescription("from Go"))
	up, err := srv.Datasources().Update(change)
	check(t, err)
	defer up.Close()
	if up.Description() != "from Go" {
		t.Fatalf("updated description %q", up.Description())
	}
	var buf bytes.Buffer
	check(t, srv.Datasources().DownloadToWriter(context.Background(), ds.ID(), &buf, nil))
	if !bytes.Equal(buf.Bytes(), data) {
		t.Fatalf("downloaded %d bytes, published %d", buf.Len(), len(data))
	}
	check(t, srv.Datasources().Delete(ds.ID()))
}
