# The ley-line daemon's messages (DAEMON-PROTOCOL.md §4). Ids and ordinals are fixed by ley-line; responses put
# `ok` first so that any response's `ok` is bit 0 of its data section. Never renumber, only append.
@0xa1b2c3d4e5f60001;

struct Node @0x8788a694e7d0c9f7 {
  id @0 :Text;
  parentId @1 :Text;
  name @2 :Text;
  kind @3 :Int32;
  size @4 :Int64;
  record @5 :Text;
}

struct Ref @0x9d12d8051cf589b2 {
  nodeId @0 :Text;
  sourceId @1 :Text;
}

struct TokenMapEntry @0xb97169f973b5a15d {
  token @0 :Text;
  nodeIds @1 :List(Text);
}

struct Event @0xb8a347db1f686319 {
  seq @0 :UInt64;
  topic @1 :Text;
  source @2 :Text;
  data @3 :Text;
}

struct ListChildrenResponse @0x8c804df75f74b5e0 {
  ok @0 :Bool;
  children @1 :List(Node);
}

struct GetNodeResponse @0xa108b6985b5a5abd {
  ok @0 :Bool;
  node @1 :Node;
  error @2 :Text;
}

struct ReadContentResponse @0xfd6fe1ba61de2afe {
  ok @0 :Bool;
  content @1 :Text;
  error @2 :Text;
}

struct FindCallersResponse @0xd0ca99cae34491f1 {
  ok @0 :Bool;
  callers @1 :List(Ref);
}

struct FindDefsResponse @0x9d29d8c12109eb80 {
  ok @0 :Bool;
  defs @1 :List(Ref);
}

struct FindCalleesResponse @0xeccd9b77654695d5 {
  ok @0 :Bool;
  callees @1 :List(Ref);
}

struct FlushResponse @0xe7e35f86135ec064 {
  ok @0 :Bool;
  currentRoot @1 :Text;
}

struct StatusResponse @0xc24dfe5c0df4dc8c {
  ok @0 :Bool;
  generation @1 :Int64;
  arenaPath @2 :Text;
  arenaSize @3 :Int64;
  phase @4 :Text;
  currentRoot @5 :Text;
}

struct ErrorResponse @0xb7dd705c70c8f072 {
  error @0 :Text;
  ok @1 :Bool;
}
