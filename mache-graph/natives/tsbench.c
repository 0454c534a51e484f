// tsbench: parses files with a given tree-sitter core and grammar and runs a query over every tree, single-threaded,
// printing the process CPU seconds spent in parsing, querying and freeing (natives/README.md, "Speed"). build.sh
// also runs it as the training workload of the core's profile-guided build.
//
//   tsbench <libtree-sitter.so> <libtree-sitter-LANG.so> <lang> <query.scm> [rounds] < list-of-files
//
// <lang> names the grammar's tree_sitter_<lang> function. The files are read into memory first; each round parses
// all of them (UTF-8), runs the query with a fresh cursor per tree, reads every capture's end byte and deletes the
// tree. "best" is the fastest round: on a shared machine it is the steadiest number to compare builds with.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

// the api.h structs this program touches, by value (api.h itself is not needed to build it)
typedef struct { uint32_t context[4]; const void *id; const void *tree; } TSNode;
typedef struct { TSNode node; uint32_t index; } TSQueryCapture;
typedef struct { uint32_t id; uint16_t pattern_index; uint16_t capture_count; const TSQueryCapture *captures; } TSQueryMatch;

static void *need(void *lib, const char *name) {
  void *p = dlsym(lib, name);
  if (!p) { fprintf(stderr, "tsbench: %s not found\n", name); exit(2); }
  return p;
}

static double cpu_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  size_t cap = 0, n = 0, got;
  do {
    if (n == cap) {
      cap = cap ? cap * 2 : 1 << 16;
      char *grown = realloc(buf, cap + 1);
      if (!grown) { free(buf); fclose(f); return NULL; }
      buf = grown;
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
  } while (got > 0);
  fclose(f);
  buf[n] = 0;
  *len = n;
  return buf;
}

int main(int argc, char **argv) {
  if (argc < 5 || argc > 6) {
    fprintf(stderr, "usage: tsbench <libtree-sitter.so> <grammar.so> <lang> <query.scm> [rounds] < files\n");
    return 2;
  }
  int rounds = argc == 6 ? atoi(argv[5]) : 1;
  void *core = dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL);
  if (!core) { fprintf(stderr, "tsbench: %s\n", dlerror()); return 2; }
  void *grammar = dlopen(argv[2], RTLD_NOW);
  if (!grammar) { fprintf(stderr, "tsbench: %s\n", dlerror()); return 2; }
  char entry[128];
  snprintf(entry, sizeof entry, "tree_sitter_%s", argv[3]);
  const void *(*language_fn)(void) = need(grammar, entry);
  void *(*parser_new)(void) = need(core, "ts_parser_new");
  bool (*parser_set_language)(void *, const void *) = need(core, "ts_parser_set_language");
  void *(*parse)(void *, const void *, const char *, uint32_t, int) = need(core, "ts_parser_parse_string_encoding");
  void (*tree_delete)(void *) = need(core, "ts_tree_delete");
  TSNode (*root_node)(const void *) = need(core, "ts_tree_root_node");
  void *(*query_new)(const void *, const char *, uint32_t, uint32_t *, int *) = need(core, "ts_query_new");
  void *(*cursor_new)(void) = need(core, "ts_query_cursor_new");
  void (*cursor_exec)(void *, const void *, TSNode) = need(core, "ts_query_cursor_exec");
  bool (*cursor_next_match)(void *, TSQueryMatch *) = need(core, "ts_query_cursor_next_match");
  void (*cursor_delete)(void *) = need(core, "ts_query_cursor_delete");
  uint32_t (*node_end_byte)(TSNode) = need(core, "ts_node_end_byte");

  size_t query_len;
  char *query_src = slurp(argv[4], &query_len);
  if (!query_src) { perror(argv[4]); return 2; }
  const void *language = language_fn();
  uint32_t error_offset;
  int error_type;
  void *query = query_new(language, query_src, (uint32_t)query_len, &error_offset, &error_type);
  if (!query) { fprintf(stderr, "tsbench: query error %d at byte %u\n", error_type, error_offset); return 2; }

  size_t cap = 1024, files = 0, bytes = 0;
  char **texts = malloc(cap * sizeof *texts);
  size_t *lengths = malloc(cap * sizeof *lengths);
  char line[4096];
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\n")] = 0;
    if (!*line) continue;
    if (files == cap) {
      cap *= 2;
      texts = realloc(texts, cap * sizeof *texts);
      lengths = realloc(lengths, cap * sizeof *lengths);
    }
    if ((texts[files] = slurp(line, &lengths[files]))) bytes += lengths[files++];
    else fprintf(stderr, "tsbench: cannot read %s\n", line);
  }
  if (files == 0) { fprintf(stderr, "tsbench: no files\n"); return 2; }

  void *parser = parser_new();
  if (!parser_set_language(parser, language)) { fprintf(stderr, "tsbench: incompatible grammar\n"); return 2; }
  double parsing = 0, querying = 0, freeing = 0, best = 0;
  uint64_t matches = 0, checksum = 0, failed = 0;
  for (int r = 0; r < rounds; r++) {
    double round = 0;
    for (size_t i = 0; i < files; i++) {
      double t0 = cpu_seconds();
      void *tree = parse(parser, NULL, texts[i], (uint32_t)lengths[i], 0 /* TSInputEncodingUTF8 */);
      double t1 = cpu_seconds();
      if (!tree) { failed++; continue; }
      void *cursor = cursor_new();
      cursor_exec(cursor, query, root_node(tree));
      TSQueryMatch m;
      while (cursor_next_match(cursor, &m)) {
        matches++;
        for (uint16_t c = 0; c < m.capture_count; c++) checksum += node_end_byte(m.captures[c].node);
      }
      cursor_delete(cursor);
      double t2 = cpu_seconds();
      tree_delete(tree);
      double t3 = cpu_seconds();
      parsing += t1 - t0;
      querying += t2 - t1;
      freeing += t3 - t2;
      round += t3 - t0;
    }
    if (r == 0 || round < best) best = round;
  }
  printf("files %zu bytes %zu rounds %d matches %llu checksum %llu failed %llu | parse %.3f query %.3f delete %.3f"
         " total %.3f best %.3f\n", files, bytes, rounds, (unsigned long long)matches, (unsigned long long)checksum,
         (unsigned long long)failed, parsing, querying, freeing, parsing + querying + freeing, best);
  return failed ? 1 : 0;
}
