/* content_util.h: file helpers for the content test programs (read a file, compare files, make and
 * remove temporary directories, count directory entries, write a sample .hyper file), the
 * default project's id, and a memory sink for write callbacks. Include after check.h. */
#ifndef TSC_TEST_CONTENT_UTIL_H
#define TSC_TEST_CONTENT_UTIL_H

#include <dirent.h>
#include <stdint.h>
#include <sys/stat.h>

/* The samples directory (TSC_TEST_SAMPLES) joined with `name`, in a static buffer per slot. */
static inline const char *sample(const char *name) {
    static char buf[8][1024];
    static int slot = 0;
    const char *dir = getenv("TSC_TEST_SAMPLES");
    if (dir == NULL) {
        fprintf(stderr, "TSC_TEST_SAMPLES is not set\n");
        exit(2);
    }
    slot = (slot + 1) % 8;
    snprintf(buf[slot], sizeof buf[slot], "%s/%s", dir, name);
    return buf[slot];
}

/* The whole file in a malloc'ed buffer (NULL if unreadable); its length in *len. */
static inline unsigned char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc(n > 0 ? (size_t)n : 1);
    if (b != NULL && n > 0 && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return b;
}

/* 1 if both files exist and hold the same bytes. */
static inline int same_file(const char *a, const char *b) {
    size_t la = 0, lb = 0;
    unsigned char *x = read_file(a, &la), *y = read_file(b, &lb);
    int same = x != NULL && y != NULL && la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

static inline long file_size(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* A fresh empty directory under /tmp (static buffer per slot). */
static inline const char *temp_dir(void) {
    static char buf[8][64];
    static int slot = 0;
    slot = (slot + 1) % 8;
    snprintf(buf[slot], sizeof buf[slot], "/tmp/tsc-c-test-XXXXXX");
    if (mkdtemp(buf[slot]) == NULL) {
        perror("mkdtemp");
        exit(2);
    }
    return buf[slot];
}

/* Number of entries in `dir` (hidden ones included, . and .. excluded). */
static inline int dir_entries(const char *dir) {
    DIR *d = opendir(dir);
    if (d == NULL) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) n++;
    }
    closedir(d);
    return n;
}

/* The name of the only entry of `dir` into `out`; 0 if there is not exactly one. */
static inline int only_entry(const char *dir, char *out, size_t cap) {
    DIR *d = opendir(dir);
    if (d == NULL) return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        n++;
        snprintf(out, cap, "%s", e->d_name);
    }
    closedir(d);
    return n == 1;
}

/* Removes the files of `dir` (one level) and `dir` itself. */
static inline void remove_dir(const char *dir) {
    DIR *d = opendir(dir);
    if (d == NULL) return;
    struct dirent *e;
    char p[1024];
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

/* Writes a .hyper file of `size` bytes (the Hyper signature, then a pattern from `seed`). */
static inline void write_hyper(const char *path, size_t size, unsigned seed) {
    static const unsigned char magic[12] = {'H', 'y', 'p', 'e', 'r', 8, 0, 0, 1, 0, 0, 0};
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        perror(path);
        exit(2);
    }
    uint32_t x = seed * 2654435761u + 1;
    for (size_t i = 0; i < size; i++) {
        unsigned char c;
        if (i < sizeof magic) {
            c = magic[i];
        } else {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            c = (unsigned char)x;
        }
        fputc(c, f);
    }
    fclose(f);
}

/* The sample workbook Superstore.twbx published through `s` as a new workbook `name` in
 * `project`; the published item (free it), NULL after a failed check. */
static inline tsc_workbook *publish_superstore(tsc_server *s, const char *project, const char *name) {
    tsc_workbook *item = NULL, *out = NULL;
    OK(tsc_workbook_new(name, project, &item, &E));
    OK(tsc_workbooks_publish(s, item, sample("Superstore.twbx"), TSC_PUBLISH_MODE_CREATE_NEW, NULL, NULL, &out, NULL,
                             &E));
    tsc_workbook_free(item);
    return out;
}

/* The sample extract Extract.hyper published through `s` as a new data source `name` in
 * `project`; the published item (free it), NULL after a failed check. */
static inline tsc_datasource *publish_extract(tsc_server *s, const char *project, const char *name) {
    tsc_datasource *item = NULL, *out = NULL;
    OK(tsc_datasource_new(name, project, &item, &E));
    OK(tsc_datasources_publish(s, item, sample("Extract.hyper"), TSC_PUBLISH_MODE_CREATE_NEW, NULL, NULL, &out, NULL,
                               &E));
    tsc_datasource_free(item);
    return out;
}

/* The LUID of the site's default project ("default"), owned (free with free()). */
static inline char *default_project_id(tsc_server *s) {
    tsc_project_list *l = NULL;
    char *id = NULL;
    OK(tsc_projects_get(s, NULL, &l, &E));
    for (size_t i = 0; i < tsc_project_list_count(l); i++) {
        const tsc_project *p = tsc_project_list_get(l, i);
        if (strcmp(tsc_project_name(p), "default") == 0 || strcmp(tsc_project_name(p), "Default") == 0) {
            const char *v = tsc_project_id(p);
            id = malloc(strlen(v) + 1);
            strcpy(id, v);
        }
    }
    tsc_project_list_free(l);
    CHECK(id != NULL);
    return id;
}

/* A growable byte buffer for write callbacks. */
typedef struct {
    unsigned char *data;
    size_t len, cap;
    int calls;
    int abort_after; /* return this call's number (non-zero) once calls reaches it; 0: never */
} membuf;

static inline int32_t membuf_write(void *ud, const uint8_t *data, size_t len) {
    membuf *m = ud;
    m->calls++;
    if (m->abort_after != 0 && m->calls >= m->abort_after) return 99;
    if (m->len + len > m->cap) {
        size_t cap = (m->len + len) * 2;
        unsigned char *p = realloc(m->data, cap);
        if (p == NULL) return 98;
        m->data = p;
        m->cap = cap;
    }
    memcpy(m->data + m->len, data, len);
    m->len += len;
    return 0;
}

/* A memory source for read callbacks. */
typedef struct {
    const unsigned char *data;
    size_t len, pos;
    int fail_at; /* return 55 once pos passes this offset; 0: never */
} memsrc;

static inline int32_t memsrc_read(void *ud, uint8_t *buf, size_t cap, size_t *out_len) {
    memsrc *m = ud;
    if (m->fail_at != 0 && m->pos >= (size_t)m->fail_at) return 55;
    size_t n = m->len - m->pos < cap ? m->len - m->pos : cap;
    if (n > 7777) n = 7777; /* odd block sizes on purpose */
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    *out_len = n;
    return 0;
}

#endif
