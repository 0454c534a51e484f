# mache's own messages for the binary codec between mache processes: one flat request struct (the JSON envelope's
# op and arguments) and the responses of the ops mache adds. Ley-line's structs live in daemon.capnp, unchanged.
# Every response puts `ok @0 :Bool` first, like ley-line's, so a failure is always sent as Daemon.ErrorResponse
# and a reader tells the two apart by bit 0 of the data section.
@0xe18aee952c38a55c;

using Daemon = import "daemon.capnp";

struct Request {
  op @0 :Text;
  id @1 :Text;
  token @2 :Text;
  # read_content range: honoured when hasRange is set
  hasRange @3 :Bool;
  offset @4 :Int64;
  length @5 :Int32;
  # paging: names (or tokens) strictly after `after`; unset means from the start
  after @6 :Text;
  limit @7 :Int32;
  hash @8 :Data;
  sql @9 :Text;
  source @10 :Text;
  files @11 :List(Text);
  # get_node: leave out the record (mache's client never needs it to stat)
  noRecord @12 :Bool;
  topic @13 :Text;
  data @14 :Text;
}

# A node with the attributes a filesystem needs beyond ley-line's Node.
struct MacheNode {
  id @0 :Text;
  parentId @1 :Text;
  name @2 :Text;
  kind @3 :Int32;
  size @4 :Int64;
  record @5 :Text;
  mtimeNanos @6 :Int64;
  construct @7 :Bool;
}

# list_children, list_children_after, list_roots and get_node (zero or one node).
struct NodesResponse {
  ok @0 :Bool;
  nodes @1 :List(MacheNode);
}

struct ReadResponse {
  ok @0 :Bool;
  data @1 :Data;
}

struct TokensResponse {
  ok @0 :Bool;
  tokens @1 :List(Text);
}

struct TokenMapResponse {
  ok @0 :Bool;
  entries @1 :List(Daemon.TokenMapEntry);
}

struct UnhashResponse {
  ok @0 :Bool;
  found @1 :Text;
}

struct StatsResponse {
  ok @0 :Bool;
  files @1 :Int64;
  constructs @2 :Int64;
  references @3 :Int64;
  nodes @4 :Int64;
  phase @5 :Text;
}

struct SnapshotResponse {
  ok @0 :Bool;
  generation @1 :Int64;
  currentRoot @2 :Text;
  committedAtNanos @3 :Int64;
}

struct VersionResponse {
  ok @0 :Bool;
  binaryVersion @1 :Text;
  schemaVersion @2 :Text;
  wireFormatMajor @3 :Int32;
  compatMin @4 :Text;
  buildDate @5 :Text;
  irSchemaVersion @6 :Text;
  server @7 :Text;
}

struct QueryRow {
  values @0 :List(Text);
}

struct QueryResponse {
  ok @0 :Bool;
  columns @1 :List(Text);
  rows @2 :List(QueryRow);
  truncated @3 :Bool;
  limit @4 :Int32;
}

struct ReparseResponse {
  ok @0 :Bool;
  generation @1 :Int64;
  currentRoot @2 :Text;
  parsed @3 :Int64;
  unchanged @4 :Int64;
  deleted @5 :Int64;
  errors @6 :Int64;
  changedFiles @7 :List(Text);
}

struct EmitResponse {
  ok @0 :Bool;
  seq @1 :UInt64;
}

# An acknowledgement with nothing else to say (e.g. `end`).
struct OkResponse {
  ok @0 :Bool;
}
