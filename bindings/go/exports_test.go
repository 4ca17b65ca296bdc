// exports_test.go: a view as PNG (high resolution), CSV (filtered), Excel and PDF, and a workbook as a
// PDF streamed to an io.Writer, from Go.
package tsc_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"libtsc.dev/tsc"
)

func TestExports(t *testing.T) {
	srv := signIn(t)
	wb := publishSample(t, srv, "Go Exports")
	views, err := srv.Workbooks().PopulateViews(wb, false)
	check(t, err)
	defer views.Close()
	vid := views.Get(0).ID()

	opts, err := tsc.NewExportOptions()
	check(t, err)
	defer opts.Close()
	check(t, opts.SetHighResolution(true))
	check(t, opts.AddViewFilter("Region", "West"))
	img, err := srv.Views().PopulateImage(vid, opts)
	check(t, err)
	png := img.Data()
	img.Close()
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) || png[19] != 0x40 || png[18] != 0x06 {
		t.Fatalf("not a 1600-wide PNG: % x", png[:24])
	}
	csv, err := srv.Views().PopulateCsv(vid, opts)
	check(t, err)
	rows := bytes.Count(csv.Data(), []byte("\n")) - 1
	if rows != 3 || !bytes.Contains(csv.Data(), []byte("West,Furniture,")) {
		t.Fatalf("filtered CSV has %d rows: %s", rows, csv.Data())
	}
	csv.Close()
	xlsx, err := srv.Views().PopulateExcel(vid, opts)
	check(t, err)
	if !bytes.HasPrefix(xlsx.Data(), []byte("PK\x03\x04")) || !bytes.Contains(xlsx.Data(), []byte("xl/worksheets/sheet1.xml")) {
		t.Fatalf("not an xlsx package")
	}
	xlsx.Close()
	check(t, opts.SetPageType("Legal"))
	pdf, err := srv.Views().PopulatePdf(vid, opts)
	check(t, err)
	if !bytes.HasPrefix(pdf.Data(), []byte("%PDF-")) || !bytes.Contains(pdf.Data(), []byte("/MediaBox [0 0 612 1008]")) {
		t.Fatalf("not a Legal PDF")
	}
	pdf.Close()
	var buf bytes.Buffer
	check(t, srv.Workbooks().PopulatePdfToWriter(context.Background(), wb.ID(), nil, &buf, nil))
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || !bytes.HasSuffix(buf.Bytes(), []byte("%%EOF\n")) {
		t.Fatalf("workbook PDF: %d bytes", buf.Len())
	}
	if err := opts.SetPageType("Poster"); !errors.Is(err, tsc.ErrInvalidArgument) {
		t.Fatalf("an unknown page type: %v", err)
	}
	check(t, srv.Workbooks().Delete(wb.ID()))
	if _, err := srv.Views().PopulateImage("00000000-0000-4000-8000-000000000000", nil); !errors.Is(err, tsc.ErrNotFound) {
		t.Fatalf("an unknown view: %v", err)
	}
}
