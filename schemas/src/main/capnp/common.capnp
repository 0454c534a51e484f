# Shared value types of the ley-line wire (DAEMON-PROTOCOL.md §4). Ids and ordinals are fixed by ley-line:
# never renumber, only append.
@0xb0c0debaadc0deb0;

struct Position @0xb15cd2b768ffe71c {
  line @0 :UInt32;
  column @1 :UInt32;
  byte @2 :UInt64;
}

# start inclusive, end exclusive
struct Range @0xb70d94b5bbba004a {
  start @0 :Position;
  end @1 :Position;
}

# 32 BLAKE3 bytes
struct Hash @0xec0494688f0a29ca {
  bytes @0 :Data;
}

struct NodeRef @0xd0d235685d85719f {
  sourceId @0 :Text;
  nodeId @1 :Text;
  range @2 :Range;
}
