// PostGraphile 5 as the benchmark runs it: the Amber preset with the V4 compatibility preset, so the documents in
// bench/workloads.py (written for PostGraphile 4) run unchanged; production settings (no GraphiQL, no explain,
// no watch, no query log). The connection string comes from DATABASE_URL; host and port from the command line.
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makeV4Preset } from "postgraphile/presets/v4";
import { makePgService } from "postgraphile/adaptors/pg";

export default {
  extends: [
    PostGraphileAmberPreset,
    makeV4Preset({ dynamicJson: true, graphiql: false, allowExplain: false, watchPg: false, ignoreRBAC: false }),
  ],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ["public"] })],
  grafserv: { graphiql: false, watch: false },
  grafast: { explain: false },
};
