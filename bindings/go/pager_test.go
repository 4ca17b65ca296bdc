// pager_test.go: a pager walking every page with Next, and request options (filter, sort,
// page size, page number).
package tsc_test

import (
	"sort"
	"strings"
	"testing"

	"libtsc.dev/tsc"
)

// makeProjects creates n projects named prefix-00 .. and deletes them at the end.
func makeProjects(t *testing.T, srv *tsc.Server, prefix string, n int) []string {
	t.Helper()
	var names []string
	for i := 0; i < n; i++ {
		name := prefix + "-" + string(rune('a'+i/26)) + string(rune('a'+i%26))
		item, err := tsc.NewProject(name)
		check(t, err)
		p, err := srv.Projects().Create(item)
		item.Close()
		check(t, err)
		id := p.ID()
		p.Close()
		t.Cleanup(func() { _ = srv.Projects().Delete(id) })
		names = append(names, name)
	}
	return names
}

func TestPagerWalksEveryPage(t *testing.T) {
	srv := signIn(t)
	prefix := unique("GoPager")
	want := makeProjects(t, srv, prefix, 23)
	ro, err := tsc.NewRequestOptions()
	check(t, err)
	defer ro.Close()
	check(t, ro.SetPageSize(5))
	check(t, ro.AddFilter("name", tsc.FilterOpHas, prefix))
	pager, err := srv.Projects().Pager(ro, 2)
	check(t, err)
	defer pager.Close()
	var got []string
	pages := 0
	for {
		page, err := pager.Next()
		check(t, err)
		if page == nil {
			break
		}
		pages++
		if page.Count() > 5 {
			t.Fatalf("page of %d", page.Count())
		}
		for i := 0; i < page.Count(); i++ {
			got = append(got, page.Get(i).Name())
		}
		page.Close()
	}
	sort.Strings(got)
	if pages != 5 || strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("%d pages, %d items: %v", pages, len(got), got)
	}
	if pager.TotalAvailable() != 23 {
		t.Fatalf("total %d", pager.TotalAvailable())
	}
	page, err := pager.Next()
	if page != nil || err != nil {
		t.Fatal("the pager goes on after the end")
	}
}

func TestRequestOptionsFilterSortAndPageSize(t *testing.T) {
	srv := signIn(t)
	prefix := unique("GoOpts")
	names := makeProjects(t, srv, prefix, 6)
	ro, err := tsc.NewRequestOptions()
	check(t, err)
	defer ro.Close()
	check(t, ro.AddFilter("name", tsc.FilterOpHas, prefix))
	check(t, ro.AddSort("name", tsc.SortDirectionDesc))
	check(t, ro.SetPageSize(4))
	check(t, ro.SetPageNumber(1))
	list, err := srv.Projects().Get(ro)
	check(t, err)
	defer list.Close()
	if list.Count() != 4 || list.PageSize() != 4 || list.TotalAvailable() != 6 || list.PageNumber() != 1 {
		t.Fatalf("count %d size %d total %d number %d", list.Count(), list.PageSize(), list.TotalAvailable(), list.PageNumber())
	}
	for i, p := range list.Items() {
		if p.Name() != names[len(names)-1-i] {
			t.Fatalf("item %d is %q, want %q", i, p.Name(), names[len(names)-1-i])
		}
	}
	in, err := tsc.NewRequestOptions()
	check(t, err)
	defer in.Close()
	check(t, in.AddFilterIn("name", []string{names[0], names[2]}))
	two, err := srv.Projects().Get(in)
	check(t, err)
	defer two.Close()
	if two.Count() != 2 {
		t.Fatalf("filter in: %d", two.Count())
	}
	if err := ro.SetPageSize(1001); err == nil {
		t.Fatal("a page size over 1000 was accepted")
	}
}
