// svg_test.go: a view as an SVG image (REST API 3.29) from Go: an SVG document with one mark per
// row the view filters keep, and an unknown format refused.
package tsc_test

import (
	"bytes"
	"errors"
	"testing"

	"libtsc.dev/tsc"
)

func TestSvgViewImage(t *testing.T) {
	srv := signIn(t)
	wb := publishSample(t, srv, "Go SVG")
	defer func() { check(t, srv.Workbooks().Delete(wb.ID())) }()
	views, err := srv.Workbooks().PopulateViews(wb, false)
	check(t, err)
	defer views.Close()

	opts, err := tsc.NewExportOptions()
	check(t, err)
	defer opts.Close()
	check(t, opts.SetImageFormat("SVG"))
	check(t, opts.AddViewFilter("Category", "Technology"))
	img, err := srv.Views().PopulateImage(views.Get(0).ID(), opts)
	check(t, err)
	defer img.Close()
	svg := img.Data()
	if !bytes.HasPrefix(svg, []byte("<?xml")) || !bytes.Contains(svg, []byte("<svg xmlns=\"http://www.w3.org/2000/svg\"")) {
		t.Fatalf("not an SVG document: %.80s", svg)
	}
	if n := bytes.Count(svg, []byte(`class="mark"`)); n != 4 {
		t.Fatalf("%d marks for the four regions' Technology rows", n)
	}
	if err := opts.SetImageFormat("gif"); !errors.Is(err, tsc.ErrInvalidArgument) {
		t.Fatalf("an unknown format: %v", err)
	}
}
