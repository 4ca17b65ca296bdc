// custom_views_test.go: custom views from Go: publish a definition (path and io.Reader), list
// (filtered, paged), get, update, exports with the saved filter, download byte-identical
// (memory, file, io.Writer), delete, 404048 afterwards, and a publish refused before any request.
package tsc_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"libtsc.dev/tsc"
)

func TestCustomViews(t *testing.T) {
	ctx := context.Background()
	srv := signIn(t)
	me, err := srv.UserID()
	check(t, err)
	item, err := tsc.NewWorkbook(unique("Go Custom Views"), defaultProject(t, srv))
	check(t, err)
	defer item.Close()
	wb, _, err := srv.Workbooks().Publish(ctx, item, sample(t, "Superstore.twbx"), tsc.PublishModeCreateNew, nil, nil)
	check(t, err)
	defer wb.Close()
	defer func() { check(t, srv.Workbooks().Delete(wb.ID())) }()

	def := []byte(`{"filters":{"Category":["Technology"]},"from":"Go"}`)
	dir := t.TempDir()
	path := filepath.Join(dir, "Technology.json")
	check(t, os.WriteFile(path, def, 0o600))
	newItem := func(name string, shared int32) *tsc.CustomView {
		c, err := tsc.NewCustomView(name)
		check(t, err)
		check(t, c.SetOwnerID(me))
		check(t, c.SetWorkbookID(wb.ID()))
		if shared >= 0 {
			check(t, c.SetShared(shared))
		}
		return c
	}
	ci := newItem("Go Technology", 1)
	defer ci.Close()
	cv, err := srv.CustomViews().Publish(ctx, ci, path, nil)
	check(t, err)
	defer cv.Close()
	if cv.Name() != "Go Technology" || cv.Shared() != 1 || cv.WorkbookID() != wb.ID() || cv.OwnerID() != me || cv.ViewID() == "" {
		t.Fatalf("published: %s %d %s %s %s", cv.Name(), cv.Shared(), cv.WorkbookID(), cv.OwnerID(), cv.ViewID())
	}
	ri := newItem("Go Reader", -1)
	defer ri.Close()
	second, err := srv.CustomViews().PublishFromReader(ctx, ri, "reader.json", uint64(len(def)), bytes.NewReader(def), nil)
	check(t, err)
	defer second.Close()
	if second.Shared() != 0 {
		t.Fatalf("shared by default: %d", second.Shared())
	}

	opts, err := tsc.NewRequestOptions()
	check(t, err)
	defer opts.Close()
	check(t, opts.AddFilter("workbookId", tsc.FilterOpEq, wb.ID()))
	list, err := srv.CustomViews().Get(opts)
	check(t, err)
	if list.Count() != 2 {
		t.Fatalf("%d custom views of the workbook", list.Count())
	}
	list.Close()
	check(t, opts.SetPageSize(1))
	pager, err := srv.CustomViews().Pager(opts, 1)
	check(t, err)
	pages := 0
	for {
		page, err := pager.Next()
		check(t, err)
		if page == nil {
			break
		}
		pages += page.Count()
		page.Close()
	}
	pager.Close()
	if pages != 2 {
		t.Fatalf("the pager saw %d", pages)
	}

	got, err := srv.CustomViews().GetByID(cv.ID())
	check(t, err)
	changed := got.Clone()
	got.Close()
	check(t, changed.SetName("Go Tech"))
	updated, err := srv.CustomViews().Update(changed)
	check(t, err)
	changed.Close()
	if updated.Name() != "Go Tech" || updated.ID() != cv.ID() {
		t.Fatalf("updated: %s", updated.Name())
	}
	updated.Close()

	img, err := srv.CustomViews().PopulateImage(cv.ID(), nil)
	check(t, err)
	if !bytes.HasPrefix(img.Data(), []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("not a PNG")
	}
	img.Close()
	csv, err := srv.CustomViews().PopulateCsv(cv.ID(), nil)
	check(t, err)
	if rows := bytes.Count(csv.Data(), []byte("\n")) - 1; rows != 4 || bytes.Contains(csv.Data(), []byte("Furniture")) {
		t.Fatalf("the saved filter: %d rows: %s", rows, csv.Data())
	}
	csv.Close()
	var pdf bytes.Buffer
	check(t, srv.CustomViews().PopulatePdfToWriter(ctx, cv.ID(), nil, &pdf, nil))
	if !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-")) || !bytes.Contains(pdf.Bytes(), []byte("Filter: Category = Technology")) {
		t.Fatalf("PDF: %d bytes", pdf.Len())
	}

	d, err := srv.CustomViews().Download(cv.ID())
	check(t, err)
	if !bytes.Equal(d.Data(), def) {
		t.Fatalf("downloaded %q", d.Data())
	}
	d.Close()
	copyPath := filepath.Join(dir, "copy.json")
	_, err = srv.CustomViews().DownloadToFile(ctx, second.ID(), copyPath, nil)
	check(t, err)
	if b, err := os.ReadFile(copyPath); err != nil || !bytes.Equal(b, def) {
		t.Fatalf("downloaded file %q, %v", b, err)
	}
	var w bytes.Buffer
	check(t, srv.CustomViews().DownloadToWriter(ctx, cv.ID(), &w, nil))
	if !bytes.Equal(w.Bytes(), def) {
		t.Fatalf("downloaded to a writer %q", w.Bytes())
	}

	check(t, srv.CustomViews().Delete(cv.ID()))
	check(t, srv.CustomViews().Delete(second.ID()))
	_, err = srv.CustomViews().GetByID(cv.ID())
	if e := asTsc(t, err); !errors.Is(err, tsc.ErrNotFound) || e.ServerCode != "404048" {
		t.Fatalf("a deleted custom view: %v", err)
	}
	noOwner, err := tsc.NewCustomView("Go No Owner")
	check(t, err)
	defer noOwner.Close()
	if _, err := srv.CustomViews().Publish(ctx, noOwner, path, nil); !errors.Is(err, tsc.ErrInvalidArgument) {
		t.Fatalf("a publish without owner: %v", err)
	}
}
