// Which image an uploaded logo is, judged by its first bytes (the file's name and declared type
// prove nothing). PNG, JPEG and WebP only: an SVG can carry script and links, and sanitising one
// well is a project of its own. Pure.

export const LOGO_MAX_BYTES = 256 * 1024;

export type LogoContentType = "image/png" | "image/jpeg" | "image/webp";

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** The image type the bytes start with; null for anything else. */
export function sniffLogoType(bytes: Uint8Array): LogoContentType | null {
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, i) => bytes[i] === byte)) return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "image/webp";
  return null;
}

/** Why these bytes cannot be a logo; null when they can. */
export function logoProblem(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return "the file is empty";
  if (bytes.length > LOGO_MAX_BYTES) return `must be at most ${LOGO_MAX_BYTES / 1024} KB (this file is ${Math.ceil(bytes.length / 1024)} KB)`;
  if (sniffLogoType(bytes)) return null;
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  if (head.startsWith("<svg") || head.startsWith("<?xml")) return "SVG logos are not accepted (an SVG can carry script); upload a PNG, JPEG or WebP image";
  return "is not a PNG, JPEG or WebP image";
}
