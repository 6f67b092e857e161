/**
 * A progress bar on stderr: redrawn in place on a terminal, one line per step elsewhere (CI
 * logs, Airflow task logs), so stdout stays free for the JSON summary.
 */
export function createProgressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr) {
  const width = 24;
  let last = -1;
  return {
    update(done: number, detail = ''): void {
      if (stream.isTTY) {
        const filled = Math.round((done / total) * width);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${detail}`.padEnd(80));
        if (done === total) stream.write('\n');
      } else if (done !== last) {
        stream.write(`${label} ${done}/${total} ${detail}\n`);
      }
      last = done;
    },
  };
}
