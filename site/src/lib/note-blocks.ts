/**
 * A red-flag record's note (who can ask, how long orders last) as paragraphs and lists, so a long
 * note can be written as a list and read as one: each line that starts with "- " is a list item,
 * every other non-empty line is a paragraph, and items next to each other form one list. A note
 * without line breaks stays one paragraph.
 */
export type NoteBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

const ITEM = /^\s*-\s+/;

export function noteBlocks(note: string): NoteBlock[] {
  const blocks: NoteBlock[] = [];
  for (const raw of note.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (ITEM.test(line)) {
      const item = line.replace(ITEM, '');
      const last = blocks.at(-1);
      if (last?.kind === 'list') last.items.push(item);
      else blocks.push({ kind: 'list', items: [item] });
    } else {
      blocks.push({ kind: 'paragraph', text: line });
    }
  }
  return blocks;
}
