// Every public address (status pages, feeds, badges, the /api/v2 JSON, the subscription pages, and
// the public 404) — dispatched by the one route table in ../_routes/public-routes.ts. In production
// the web server calls that table itself without Next (scripts/web-routes.ts); this route answers
// them in development. Paths with a route file of their own never get here.
import { answerPublic } from "../_routes/public-routes";

export const dynamic = "force-dynamic";

export const GET = answerPublic;
export const HEAD = answerPublic;
export const POST = answerPublic;
export const OPTIONS = answerPublic;
