import { describe, expect, it } from "vitest";
import { parseEnv } from "../../env";
import { relyingParty } from "./relying-party";

describe("relyingParty", () => {
  it("is PUBLIC_URL's host and origin", () => {
    expect(relyingParty(parseEnv({ PUBLIC_URL: "https://status.example.com" }))).toEqual({ id: "status.example.com", origin: "https://status.example.com" });
  });
  it("is localhost on the same port when the page is reached by address (browsers refuse an IP)", () => {
    expect(relyingParty(parseEnv({ PORT: "3103" }))).toEqual({ id: "localhost", origin: "http://localhost:3103" });
    expect(relyingParty(parseEnv({ PUBLIC_URL: "http://[::1]:8080" }))).toEqual({ id: "localhost", origin: "http://localhost:8080" });
  });
});
