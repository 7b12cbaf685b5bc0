export type BlockKind = 'example' | 'output' | 'output-on' | 'report';
export interface Block {
  kind: BlockKind;
  path: string;
  fence: string;
  lang: string;
  content: string;
  contentStart: number;
  contentEnd: number;
}
export const BLOCK_KINDS: readonly BlockKind[];
export function findBlocks(markdown: string): Block[];
export function strayMarkers(markdown: string): number;
export function docFiles(root: string): string[];
export function envFor(kind: BlockKind): Record<string, string | undefined>;
export function runExample(
  root: string,
  path: string,
  env: Record<string, string | undefined>,
): Promise<string>;
export function expectedContent(root: string, block: Block): Promise<string>;
export function reportTables(stdout: string): string;
