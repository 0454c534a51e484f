# One resolved reference. A binding log file is a plain concatenation of stream-framed BindingRecord messages.
@0x9c0c8cd3c5b1329a;

using Common = import "common.capnp";

struct BindingRecord @0xb25434baab461394 {
  targetNodeId @0 :Text;
  refToken @1 :Text;
  constructNodeId @2 :Text;
  refSiteNodeId @3 :Text;
  refUri @4 :Text;
  refRange @5 :Common.Range;
  parseGen @6 :UInt64;
  qualifier @7 :Text;
}
