import net from "node:net";
import { StartupError } from "../errors";

/** Fails with a message naming the setting when host:port cannot be bound. */
export async function assertPortFree(host: string, port: number, setting: string): Promise<void> {
  const server = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen({ host, port, exclusive: true }, resolve);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new StartupError(
      code === "EADDRINUSE"
        ? `port ${port} on ${host} is already in use; set ${setting} to a free port`
        : `cannot listen on ${host}:${port} (${code ?? String(error)}); check ${setting}`,
    );
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
