// The alert benchmark's receiver, in its own process so it does not share a CPU with the sender
// being measured (in production receivers are other machines). Answers 200 to every POST and
// reports over IPC: on "stats" { received, unique } (requests, distinct paths); "reset" counts anew.
import http from "node:http";
import type { AddressInfo } from "node:net";

let received = 0;
let paths = new Set<string>();
const server = http.createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    received += 1;
    paths.add(request.url ?? "");
    response.writeHead(200, { "content-type": "text/plain" }).end("ok");
  });
});
server.keepAliveTimeout = 30_000;
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
process.on("message", (request: "stats" | "reset") => {
  if (request === "reset") {
    received = 0;
    paths = new Set();
  }
  process.send!({ received, unique: paths.size });
});
process.on("disconnect", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
