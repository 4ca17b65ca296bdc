/* test_tls.c: TLS from C against the emulator's HTTPS mode (tests/c_programs.rs starts three
 * HTTPS emulators for this program, with certificates of one generated CA: see the env getters
 * below). A trusted CA bundle signs in and lists over https; without it the server is not
 * trusted (TSC_STATUS_TLS); insecure mode connects anyway; a server that requires a client
 * certificate accepts ours, refuses a missing one with a message about the client certificate,
 * and refuses one of another CA; a minimum of TLS 1.3 refuses a server capped at 1.2 (which
 * the default accepts); certificate and key files are checked by tsc_server_new (a missing one
 * is TSC_STATUS_FILE, a bad or mismatched one TSC_STATUS_TLS); bad version values are refused.
 * tsc-test: tls */
#include "check.h"

#include <stdint.h>

static const char *env(const char *name) {
    const char *v = getenv(name);
    if (v == NULL || *v == 0) {
        fprintf(stderr, "%s is not set (run through `cargo test --test c_programs`)\n", name);
        exit(2);
    }
    return v;
}

/* Options for `url`; NULL or 0 leaves a setting at its default. */
static tsc_server_options *options(const char *url, const char *ca, const char *cert,
                                   const char *key, int32_t min_version, int insecure) {
    tsc_server_options *o = NULL;
    OK(tsc_server_options_new(url, &o, &E));
    if (ca) OK(tsc_server_options_set_ca_bundle_file(o, ca, &E));
    if (cert) OK(tsc_server_options_set_client_certificate_files(o, cert, key, &E));
    if (min_version) OK(tsc_server_options_set_min_tls_version(o, min_version, &E));
    if (insecure) OK(tsc_server_options_set_accept_invalid_certs(o, 1, &E));
    return o;
}

/* Builds a server from `o` (freed), signs in as the admin, lists the sites and signs out: the
 * first failing status, with its error in E. */
static tsc_status session(tsc_server_options *o) {
    tsc_server *s = NULL;
    tsc_credentials *c = NULL;
    tsc_site_list *sites = NULL;
    tsc_status st = tsc_server_new(o, &s, &E);
    if (st == TSC_STATUS_OK) st = tsc_credentials_new_password("admin", "admin", "", &c, &E);
    if (st == TSC_STATUS_OK) st = tsc_auth_sign_in(s, c, &E);
    if (st == TSC_STATUS_OK) st = tsc_sites_get(s, NULL, &sites, &E);
    if (st == TSC_STATUS_OK) {
        CHECK(tsc_site_list_count(sites) >= 1);
        st = tsc_auth_sign_out(s, &E);
    }
    tsc_site_list_free(sites);
    tsc_credentials_free(c);
    tsc_server_free(s);
    tsc_server_options_free(o);
    return st;
}

/* The session must fail with `want`, and the message contain each of the NULL-ended needles. */
static void refused(int line, tsc_status want, tsc_server_options *o, const char *needle,
                    const char *needle2) {
    tsc_status st = session(o);
    const char *m = E ? tsc_error_message(E) : "(no error)";
    int ok = st == want && E != NULL && tsc_error_status(E) == want &&
             (needle == NULL || strstr(m, needle) != NULL) &&
             (needle2 == NULL || strstr(m, needle2) != NULL);
    if (ok) {
        check_passed++;
    } else {
        check_failed++;
        fprintf(stderr, "%s:%d: status %d, expected %d with '%s' and '%s': %s\n", __FILE__, line,
                (int)st, (int)want, needle ? needle : "", needle2 ? needle2 : "", m);
    }
    tsc_error_free(E);
    E = NULL;
}

#define REFUSED(want, o, n1, n2) refused(__LINE__, (want), (o), (n1), (n2))

int main(void) {
    const char *tls = env("TSC_TEST_TLS_URL");
    const char *mtls = env("TSC_TEST_MTLS_URL");
    const char *tls12 = env("TSC_TEST_TLS12_URL");
    const char *ca = env("TSC_TEST_TLS_CA");
    const char *cert = env("TSC_TEST_CLIENT_CERT");
    const char *key = env("TSC_TEST_CLIENT_KEY");
    const char *other_cert = env("TSC_TEST_OTHER_CLIENT_CERT");
    const char *other_key = env("TSC_TEST_OTHER_CLIENT_KEY");
    CHECK(strncmp(tls, "https://", 8) == 0);

    /* The CA bundle is trusted: sign-in and a listing over https. */
    OK(session(options(tls, ca, NULL, NULL, 0, 0)));
    /* The system's roots do not know the emulator's CA. */
    REFUSED(TSC_STATUS_TLS, options(tls, NULL, NULL, NULL, 0, 0), "UnknownIssuer", "CA bundle");
    /* A CA bundle that is not the server's CA (a client certificate is no CA). */
    REFUSED(TSC_STATUS_TLS, options(tls, other_cert, NULL, NULL, 0, 0), "TLS error", NULL);
    /* Insecure mode connects to the untrusted server. */
    OK(session(options(tls, NULL, NULL, NULL, 0, 1)));

    /* mTLS: our client certificate is accepted (also with a minimum of 1.3)... */
    OK(session(options(mtls, ca, cert, key, 0, 0)));
    OK(session(options(mtls, ca, cert, key, TSC_TLS_VERSION_V1_3, 0)));
    /* ...none is refused, and the message says what to set... */
    REFUSED(TSC_STATUS_TLS, options(mtls, ca, NULL, NULL, 0, 0), "CertificateRequired",
            "tsc_server_options_set_client_certificate_files");
    /* ...and one of another CA is refused. */
    REFUSED(TSC_STATUS_TLS, options(mtls, ca, other_cert, other_key, 0, 0), "UnknownCA",
            "client certificate");
    /* A client certificate offered to a server that asks for none does no harm. */
    OK(session(options(tls, ca, cert, key, 0, 0)));

    /* Minimum version: the capped server speaks 1.2, which the default and 1.2 accept... */
    OK(session(options(tls12, ca, NULL, NULL, 0, 0)));
    OK(session(options(tls12, ca, NULL, NULL, TSC_TLS_VERSION_V1_2, 0)));
    /* ...and a minimum of 1.3 refuses; a server speaking 1.3 is fine with it. */
    REFUSED(TSC_STATUS_TLS, options(tls12, ca, NULL, NULL, TSC_TLS_VERSION_V1_3, 0),
            "ProtocolVersion", NULL);
    OK(session(options(tls, ca, NULL, NULL, TSC_TLS_VERSION_V1_3, 0)));

    /* Other version values are refused by the setter; the options are unchanged. */
    {
        tsc_server_options *o = options(tls12, ca, NULL, NULL, 0, 0);
        FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_server_options_set_min_tls_version(o, 14, &E));
        FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_server_options_set_min_tls_version(o, 0, &E));
        FAILS(TSC_STATUS_INVALID_ARGUMENT, tsc_server_options_set_min_tls_version(o, -1, &E));
        OK(session(o));
    }

    /* Certificate and key files are checked when the server is built. */
    REFUSED(TSC_STATUS_FILE, options(mtls, ca, "/nonexistent/client.pem", key, 0, 0),
            "/nonexistent/client.pem", "client certificate");
    REFUSED(TSC_STATUS_FILE, options(mtls, ca, cert, "/nonexistent/key.pem", 0, 0),
            "/nonexistent/key.pem", "private key");
    /* A CA file holds a certificate but no key. */
    REFUSED(TSC_STATUS_TLS, options(mtls, ca, cert, ca, 0, 0), "holds no private key", NULL);
    /* The key of another certificate. */
    REFUSED(TSC_STATUS_TLS, options(mtls, ca, cert, other_key, 0, 0), "does not belong", NULL);
    /* A key file where the certificate should be. */
    REFUSED(TSC_STATUS_TLS, options(mtls, ca, key, key, 0, 0), "holds no certificate", NULL);

    return check_finish();
}
