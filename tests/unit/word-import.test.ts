/**
 * The pure part of 上传 Word 正文 (src/word-import/docx.ts): which first lines are indented, and what is not a
 * clean .docx. The whole route, with .docx files built by the docx package, is tests/integration/word-import.test.ts.
 */
import * as docx from 'docx';
import JSZip from 'jszip';
import { firstLineOf, inspectDocx, normaliseIndents, styleIndents, WordRefusal } from '../../src/word-import/docx';

describe('first-line indents (首行缩进)', () => {
  it.each([
    ['<w:ind w:firstLineChars="200"/>', true],
    ['<w:ind w:firstLine="640"/>', true],
    ['<w:ind w:left="420" w:firstLine="0"/>', false],
    // Word gives the character count precedence over twips
    ['<w:ind w:firstLine="640" w:firstLineChars="0"/>', false],
    ['<w:ind w:firstLine="0" w:firstLineChars="200"/>', true],
    ['<w:ind w:hanging="420"/>', false],
    ['<w:ind w:hangingChars="200" w:firstLineChars="200"/>', false],
    ['<w:ind w:left="420"/>', undefined],
  ])('%s → %s', (tag, expected) => {
    expect(firstLineOf(tag)).toBe(expected);
  });

  it('rewrites w:ind so that mammoth reads the first line Word shows, and leaves indents that say nothing about it', () => {
    expect(normaliseIndents('<w:pPr><w:ind w:firstLineChars="200" w:firstLine="420"/></w:pPr>')).toBe('<w:pPr><w:ind w:firstLineChars="200" w:firstLine="1"/></w:pPr>');
    expect(normaliseIndents('<w:ind w:hanging="420"></w:ind>')).toBe('<w:ind w:hanging="420" w:firstLine="0"></w:ind>');
    expect(normaliseIndents('<w:ind w:left="420"/><w:indent/>')).toBe('<w:ind w:left="420"/><w:indent/>');
  });

  it('follows w:basedOn through the paragraph styles', () => {
    const styles = `<w:styles>
      <w:style w:type="paragraph" w:styleId="a"><w:name w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="body"><w:name w:val="正文缩进"/><w:basedOn w:val="a"/><w:pPr><w:ind w:firstLineChars="200"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="child"><w:name w:val="通知正文"/><w:basedOn w:val="body"/></w:style>
      <w:style w:type="paragraph" w:styleId="flat"><w:basedOn w:val="body"/><w:pPr><w:ind w:firstLine="0"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="loop1"><w:basedOn w:val="loop2"/></w:style>
      <w:style w:type="paragraph" w:styleId="loop2"><w:basedOn w:val="loop1"/></w:style>
    </w:styles>`;
    const m = styleIndents(styles);
    expect([m.get('a'), m.get('body'), m.get('child'), m.get('flat'), m.get('loop1')]).toEqual([undefined, true, true, false, undefined]);
  });
});

describe('inspectDocx', () => {
  const refusal = async (buffer: Buffer) => {
    try {
      await inspectDocx(buffer, 10 * 1024 * 1024);
    } catch (e) {
      if (e instanceof WordRefusal) return e.message;
      throw e;
    }
    return null;
  };

  it('accepts a table (w:insideH borders are no insertion) and refuses a w:ins next to it', async () => {
    const cell = (t: string) => new docx.TableCell({ children: [new docx.Paragraph(t)] });
    const buf = await docx.Packer.toBuffer(new docx.Document({ sections: [{ children: [new docx.Table({ rows: [new docx.TableRow({ children: [cell('甲'), cell('乙')] })] })] }] }));
    const zip = await JSZip.loadAsync(buf);
    expect(await zip.file('word/document.xml')!.async('string')).toMatch(/<w:insideH\b/);
    expect(await refusal(buf)).toBeNull();
    const xml = await zip.file('word/document.xml')!.async('string');
    zip.file('word/document.xml', xml.replace('<w:r>', '<w:ins w:id="1" w:author="x"><w:r>').replace('</w:r>', '</w:r></w:ins>'));
    expect(await refusal(await zip.generateAsync({ type: 'nodebuffer' }))).toMatch(/修订/);
  });

  it('refuses tracked changes in a header, an empty-looking comment part with an entry, and a macro-enabled package', async () => {
    const base = await JSZip.loadAsync(await docx.Packer.toBuffer(new docx.Document({ sections: [{ children: [new docx.Paragraph('正文')] }] })));
    const header = await JSZip.loadAsync(await base.generateAsync({ type: 'nodebuffer' }));
    header.file('word/header1.xml', '<w:hdr><w:p><w:del w:id="3" w:author="x"><w:r><w:delText>旧</w:delText></w:r></w:del></w:p></w:hdr>');
    expect(await refusal(await header.generateAsync({ type: 'nodebuffer' }))).toMatch(/修订/);
    const comments = await JSZip.loadAsync(await base.generateAsync({ type: 'nodebuffer' }));
    comments.file('word/comments.xml', '<w:comments><w:comment w:id="0" w:author="x"><w:p/></w:comment></w:comments>');
    expect(await refusal(await comments.generateAsync({ type: 'nodebuffer' }))).toMatch(/批注/);
    const docm = await JSZip.loadAsync(await base.generateAsync({ type: 'nodebuffer' }));
    const types = await docm.file('[Content_Types].xml')!.async('string');
    docm.file('[Content_Types].xml', types.replace('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml', 'application/vnd.ms-word.document.macroEnabled.main+xml'));
    expect(await refusal(await docm.generateAsync({ type: 'nodebuffer' }))).toMatch(/含宏/);
  });
});
