// The name visitors and admins know a certificate by. Pure.

/** Its first DNS name, else the subject's CN, else the whole subject. */
export function certificateHost(certificate: { subject: string; sans: readonly string[] }): string {
  const san = certificate.sans.find((name) => !/^IP Address:/i.test(name));
  if (san) return san.replace(/^DNS:/i, "");
  return /CN=([^,/]+)/.exec(certificate.subject)?.[1] ?? certificate.subject;
}
