/* workbooks.c: the workbooks of a site, from C, linked with libtsc.a through CMake's
 * tsc::tsc_static (find_package(tsc)).
 *
 * The server and the credentials come from the environment, with tsc-emulator's defaults:
 *   TSC_SERVER (http://127.0.0.1:8000), TSC_USER (admin), TSC_PASSWORD (admin), TSC_SITE ("").
 */
#include <stdio.h>
#include <stdlib.h>
#include <tsc.h>

static const char *env(const char *name, const char *fallback) {
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

int main(void) {
    tsc_error *err = NULL;
    tsc_server_options *opts = NULL;
    tsc_server *server = NULL;
    tsc_credentials *creds = NULL;
    tsc_workbook_pager *pager = NULL;
    tsc_workbook_list *page = NULL;
    int rc = 1;

    if (tsc_server_options_new(env("TSC_SERVER", "http://127.0.0.1:8000"), &opts, &err) ||
        tsc_server_new(opts, &server, &err) ||
        tsc_credentials_new_password(env("TSC_USER", "admin"), env("TSC_PASSWORD", "admin"),
                                     env("TSC_SITE", ""), &creds, &err) ||
        tsc_auth_sign_in(server, creds, &err) ||
        tsc_workbooks_pager(server, NULL, 0, &pager, &err))
        goto done;
    while (tsc_workbook_pager_next(pager, &page, &err) == TSC_STATUS_OK && page != NULL) {
        for (size_t i = 0; i < tsc_workbook_list_count(page); i++)
            printf("%s\n", tsc_workbook_name(tsc_workbook_list_get(page, i)));
        tsc_workbook_list_free(page);
        page = NULL;
    }
    if (err == NULL) rc = 0;
done:
    if (err != NULL) fprintf(stderr, "%s\n", tsc_error_message(err));
    tsc_error_free(err);
    tsc_workbook_pager_free(pager);
    if (server && tsc_auth_sign_out(server, NULL) != TSC_STATUS_OK) rc = 1;
    tsc_credentials_free(creds);
    tsc_server_free(server);
    tsc_server_options_free(opts);
    return rc;
}
