import { describe, expect, it } from 'vitest';
import { noteBlocks } from '../../site/src/lib/note-blocks.ts';

describe('record notes as paragraphs and lists', () => {
  it('keeps a note without line breaks as one paragraph, even with hyphens inside', () => {
    expect(noteBlocks('A co-parent - or a former partner - can ask.')).toEqual([
      { kind: 'paragraph', text: 'A co-parent - or a former partner - can ask.' },
    ]);
  });

  it('turns lines that start with "- " into one list between the paragraphs around it', () => {
    const note = 'These people can ask the court:\n- family members;\n  - police officers;\n\nPolice must file when they learn of a risk.';
    expect(noteBlocks(note)).toEqual([
      { kind: 'paragraph', text: 'These people can ask the court:' },
      { kind: 'list', items: ['family members;', 'police officers;'] },
      { kind: 'paragraph', text: 'Police must file when they learn of a risk.' },
    ]);
  });

  it('starts a new list after a paragraph that splits two runs of items', () => {
    expect(noteBlocks('- one\nbetween\n- two').map((b) => b.kind)).toEqual(['list', 'paragraph', 'list']);
  });
});
