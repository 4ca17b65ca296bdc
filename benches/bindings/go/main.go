// Command benches is the Go binding's pager benchmark, the twin of benches/pager_workbooks.c:
// it lists every workbook of the Default site with the pager (pages of 1000, no read-ahead),
// reading each one's name, RUNS times after one warm-up, and prints
// `go <items> <median ms> <peak RSS KiB>`.
//
// Usage: benches URL [RUNS]   (signs in as admin/admin on the Default site)
package main

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"syscall"
	"time"

	"libtsc.dev/tsc"
)

func die(what string, err error) {
	fmt.Fprintf(os.Stderr, "%s failed: %v\n", what, err)
	os.Exit(1)
}

// listAll lists every workbook once, reading each one's name; returns the number of items.
func listAll(srv *tsc.Server) int {
	o, err := tsc.NewRequestOptions()
	if err != nil {
		die("request options", err)
	}
	if err := o.SetPageSize(1000); err != nil {
		die("request options", err)
	}
	pager, err := srv.Workbooks().Pager(o, 0)
	if err != nil {
		die("Workbooks().Pager", err)
	}
	o.Close()
	items := 0
	for {
		page, err := pager.Next()
		if err != nil {
			die("pager.Next", err)
		}
		if page == nil {
			break
		}
		n := page.Count()
		for i := 0; i < n; i++ {
			if page.Get(i).Name() != "" {
				items++
			}
		}
		page.Close()
	}
	pager.Close()
	return items
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintf(os.Stderr, "usage: %s URL [RUNS]\n", os.Args[0])
		os.Exit(2)
	}
	runs := 7
	if len(os.Args) > 2 {
		if n, err := strconv.Atoi(os.Args[2]); err == nil && n >= 1 && n <= 100 {
			runs = n
		}
	}
	opts, err := tsc.NewServerOptions(os.Args[1])
	if err != nil {
		die("NewServerOptions", err)
	}
	srv, err := tsc.NewServer(opts)
	if err != nil {
		die("NewServer", err)
	}
	opts.Close()
	creds, err := tsc.NewCredentialsPassword("admin", "admin", "")
	if err != nil {
		die("credentials", err)
	}
	if err := srv.Auth().SignIn(creds); err != nil {
		die("SignIn", err)
	}
	creds.Close()

	items := listAll(srv) // warm-up
	t := make([]float64, runs)
	for r := range t {
		t0 := time.Now()
		items = listAll(srv)
		t[r] = float64(time.Since(t0).Microseconds()) / 1000
	}
	sort.Float64s(t)
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	fmt.Printf("go %d %.1f %d\n", items, t[runs/2], ru.Maxrss)
	if err := srv.Auth().SignOut(); err != nil {
		die("SignOut", err)
	}
	srv.Close()
}
