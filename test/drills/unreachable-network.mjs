// Preloaded into a worker (NODE_OPTIONS=--import) to break its network for the drills: every
// connection to a port in VIGIL_DRILL_UNREACHABLE_PORTS fails with ENETUNREACH before a packet is
// sent, as on a host whose outbound route is gone; the database (another port) stays reachable.
import net from "node:net";

const unreachable = new Set((process.env.VIGIL_DRILL_UNREACHABLE_PORTS ?? "").split(",").filter(Boolean).map(Number));
const connect = net.Socket.prototype.connect;

net.Socket.prototype.connect = function (...args) {
  // net.connect hands over [options, callback] as one array; tls.connect and callers pass options.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const port = Number(typeof first === "object" && first !== null ? first.port : first);
  if (!unreachable.has(port)) return connect.apply(this, args);
  process.nextTick(() => this.destroy(Object.assign(new Error(`connect ENETUNREACH (drill) port ${port}`), { code: "ENETUNREACH", syscall: "connect" })));
  return this;
};
