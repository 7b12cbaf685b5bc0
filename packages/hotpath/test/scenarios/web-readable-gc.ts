// A ReadableStream read once and then dropped: once collected, its row ends as cancelled.
import { snapshot, stream } from '../../src/index.ts';

await (async () => {
  const rs = stream(ReadableStream.from([1, 2, 3]), { label: 'dropped-web' });
  await rs.getReader().read();
})();
for (let i = 0; i < 3; i++) {
  await new Promise((resolve) => setTimeout(resolve, 20));
  globalThis.gc!();
}
await new Promise((resolve) => setTimeout(resolve, 20));
const { state, yielded } = snapshot().streams.find((row) => row.label === 'dropped-web')!;
console.log(JSON.stringify({ state, yielded }));
