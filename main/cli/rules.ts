// `klachtcoach rules check [DIR]`: validates every rule file under DIR (default: rules) and runs
// the examples each rule carries. Prints `file:line: field: problem` per problem; exit 1 if any.
import { checkRules } from '../rules/check.ts';
import { UserError } from './user-error.ts';

export async function run(args: string[]): Promise<number> {
  const [sub, dir = 'rules', ...extra] = args;
  // `rules stats` reads the call store, so it lives with the store's CLI in review.ts.
  if (sub === 'stats') return (await import('./review.ts')).runRulesStats(args.slice(1));
  if (sub !== 'check') throw new UserError(`unknown subcommand "${sub ?? ''}"; use: klachtcoach rules check [DIR]`, 2);
  if (extra.length > 0) throw new UserError(`unexpected argument "${extra[0]}"`, 2);
  const report = checkRules(dir);
  for (const p of report.problems) console.error(p.toString());
  if (report.problems.length > 0) {
    console.error(`rules check: ${report.problems.length} problem(s) in ${dir}`);
    return 1;
  }
  console.log(`rules check: ${report.ruleCount} rules in ${dir}, all valid, all examples pass`);
  return 0;
}
