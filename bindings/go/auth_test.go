// auth_test.go: sign-in with a password, a personal access token and a JWT, sign-out, bad
// credentials, server info, version.
package tsc_test

import (
	"errors"
	"strings"
	"testing"

	"libtsc.dev/tsc"
)

func signInWith(t *testing.T, newCreds func() (*tsc.Credentials, error)) *tsc.Server {
	t.Helper()
	creds, err := newCreds()
	check(t, err)
	defer creds.Close()
	srv := newServer(t)
	if srv.IsSignedIn() != 0 {
		t.Fatal("signed in before sign-in")
	}
	check(t, srv.Auth().SignIn(creds))
	if srv.IsSignedIn() != 1 {
		t.Fatal("not signed in after sign-in")
	}
	return srv
}

func TestSignInPasswordAndSignOut(t *testing.T) {
	srv := signInWith(t, func() (*tsc.Credentials, error) { return tsc.NewCredentialsPassword("admin", "admin", "") })
	site, err := srv.SiteID()
	check(t, err)
	user, err := srv.UserID()
	check(t, err)
	if site == "" || user == "" {
		t.Fatalf("site %q user %q", site, user)
	}
	check(t, srv.Auth().SignOut())
	if srv.IsSignedIn() != 0 {
		t.Fatal("still signed in after sign-out")
	}
	_, err = srv.Projects().Get(nil)
	if !errors.Is(err, tsc.ErrNotSignedIn) {
		t.Fatalf("after sign-out: %v", err)
	}
}

func TestSignInPAT(t *testing.T) {
	srv := signInWith(t, func() (*tsc.Credentials, error) { return tsc.NewCredentialsPAT("test-pat", "pat-secret", "") })
	token, err := srv.AuthToken()
	check(t, err)
	if token == "" {
		t.Fatal("no auth token")
	}
}

func TestSignInJWT(t *testing.T) {
	srv := signInWith(t, func() (*tsc.Credentials, error) { return tsc.NewCredentialsJWT(mustEnv(t, "TSC_TEST_JWT"), "") })
	list, err := srv.Workbooks().Get(nil)
	check(t, err)
	list.Close()
}

func TestBadPasswordIs401(t *testing.T) {
	creds, err := tsc.NewCredentialsPassword("admin", "Wr0ng-S3cret", "")
	check(t, err)
	defer creds.Close()
	srv := newServer(t)
	err = srv.Auth().SignIn(creds)
	if !errors.Is(err, tsc.ErrUnauthorized) {
		t.Fatalf("want ErrUnauthorized, got %v", err)
	}
	e := asTsc(t, err)
	if e.HTTPStatus != 401 || !strings.HasPrefix(e.ServerCode, "401") || e.Message == "" {
		t.Fatalf("error fields: %+v", e)
	}
	if strings.Contains(e.Message, "Wr0ng-S3cret") {
		t.Fatal("the password appears in the message")
	}
}

func TestServerInfoAndVersion(t *testing.T) {
	srv := signIn(t)
	info, err := srv.ServerInfo().Get()
	check(t, err)
	defer info.Close()
	if info.RestAPIVersion() == "" || info.ProductVersion() == "" {
		t.Fatalf("server info: %q %q", info.RestAPIVersion(), info.ProductVersion())
	}
	v, err := srv.APIVersion()
	check(t, err)
	if !strings.Contains(v, ".") {
		t.Fatalf("api version %q", v)
	}
	if !strings.HasPrefix(tsc.Version(), "libtsc ") || tsc.VersionNumber() == 0 {
		t.Fatalf("version %q %d", tsc.Version(), tsc.VersionNumber())
	}
	if srv.URL() != mustEnv(t, "TSC_TEST_URL") {
		t.Fatalf("url %q", srv.URL())
	}
}
