// Command examples is the Go version of examples/c/tour.c and examples/c/publish_and_download.c:
// it signs in, shows the server, creates, lists, updates and deletes a site and projects, then
// publishes a workbook with a progress bar, lists its views, downloads it back and deletes it.
//
// Configuration comes from the environment, as for the C examples:
//
//	TSC_SERVER                    server URL (required)
//	TSC_USER and TSC_PASSWORD     a user name and password, or
//	TSC_PAT_NAME, TSC_PAT_SECRET  a personal access token
//	TSC_SITE                      the site's content URL ("" or unset: the Default site)
//
// `make demo-go` runs it against a fresh tsc-emulator.
package main

import (
	"fmt"
	"os"

	"libtsc.dev/tsc"
)

func env(name, fallback string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return fallback
}

// connect returns a server signed in with the credentials of the environment.
func connect(url, site string) (*tsc.Server, error) {
	opts, err := tsc.NewServerOptions(url)
	if err != nil {
		return nil, err
	}
	defer opts.Close()
	if err := opts.SetUserAgentSuffix("tour-go/1.0"); err != nil {
		return nil, err
	}
	srv, err := tsc.NewServer(opts)
	if err != nil {
		return nil, err
	}
	info, err := srv.ServerInfo().Get()
	if err != nil {
		srv.Close()
		return nil, err
	}
	fmt.Printf("Server: Tableau %s (build %s), REST API %s\n", info.ProductVersion(), info.BuildNumber(), info.RestAPIVersion())
	info.Close()
	var creds *tsc.Credentials
	if name, ok := os.LookupEnv("TSC_PAT_NAME"); ok {
		creds, err = tsc.NewCredentialsPAT(name, env("TSC_PAT_SECRET", ""), site)
	} else {
		creds, err = tsc.NewCredentialsPassword(env("TSC_USER", "admin"), env("TSC_PASSWORD", ""), site)
	}
	if err != nil {
		srv.Close()
		return nil, err
	}
	defer creds.Close()
	if err := srv.Auth().SignIn(creds); err != nil {
		srv.Close()
		return nil, err
	}
	return srv, nil
}

func main() {
	url := os.Getenv("TSC_SERVER")
	if url == "" {
		fmt.Fprintln(os.Stderr, "set TSC_SERVER (and TSC_USER/TSC_PASSWORD or TSC_PAT_NAME/TSC_PAT_SECRET)")
		os.Exit(2)
	}
	site := env("TSC_SITE", "")
	fmt.Printf("%s, touring %s from Go\n\n", tsc.Version(), url)
	srv, err := connect(url, site)
	if err != nil {
		fail(err)
	}
	defer srv.Close()
	if err := tour(srv, site); err != nil {
		fail(err)
	}
	if err := publishAndDownload(srv); err != nil {
		fail(err)
	}
	if err := srv.Auth().SignOut(); err != nil {
		fail(err)
	}
	fmt.Println("\nSigned out")
}

// fail prints what the library said (and what the server said) and exits.
func fail(err error) {
	fmt.Fprintf(os.Stderr, "\nfailed: %v\n", err)
	if e, ok := err.(*tsc.Error); ok && e.HTTPStatus != 0 {
		fmt.Fprintf(os.Stderr, "  HTTP %d, Tableau code %s: %s\n", e.HTTPStatus, e.ServerCode, e.Detail)
	}
	os.Exit(1)
}
