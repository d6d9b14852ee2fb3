import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import { extensionBadge, fileKind, formatSize, pastedFileName, previewNote, uploadErrorText } from './files';

describe('formatSize', () => {
  it('uses bytes below one kilobyte', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(1023)).toBe('1023 B');
  });

  it('shows one decimal below ten units and whole numbers above', () => {
    expect(formatSize(1024)).toBe('1 KB');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(12 * 1024 + 300)).toBe('12 KB');
    expect(formatSize(3.44 * 1024 * 1024)).toBe('3.4 MB');
    expect(formatSize(2 * 1024 ** 3)).toBe('2 GB');
  });

  it('moves to the next unit when rounding reaches 1024', () => {
    expect(formatSize(1024 * 1024 - 100)).toBe('1 MB');
  });

  it('gives nothing for nonsense', () => {
    expect(formatSize(-1)).toBe('');
    expect(formatSize(Number.NaN)).toBe('');
  });
});

describe('badges and kinds', () => {
  it('takes the extension in capitals', () => {
    expect(extensionBadge('report.final.pdf')).toBe('PDF');
    expect(extensionBadge('budget.xlsx')).toBe('XLSX');
    expect(extensionBadge('README')).toBe('FILE');
    expect(extensionBadge('.bashrc')).toBe('FILE');
    expect(extensionBadge('weird.ext with space')).toBe('FILE');
    expect(extensionBadge('long.extension')).toBe('FILE');
  });

  it('prefers the content type, then the extension', () => {
    expect(fileKind('photo.bin', 'image/png')).toBe('image');
    expect(fileKind('scan.PDF', 'application/octet-stream')).toBe('pdf');
    expect(fileKind('a.pdf', 'application/pdf')).toBe('pdf');
    expect(fileKind('notes.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('document');
    expect(fileKind('x.7z', 'application/x-7z-compressed')).toBe('archive');
    expect(fileKind('clip.mp4', 'video/mp4')).toBe('video');
    expect(fileKind('data', 'application/octet-stream')).toBe('other');
  });
});

describe('pastedFileName', () => {
  const now = new Date(2026, 4, 1, 9, 5, 7);

  it('names generic clipboard images after the moment', () => {
    expect(pastedFileName('image.png', 'image/png', now)).toBe('Pasted image 2026-05-01 09.05.07.png');
    expect(pastedFileName('', 'image/jpeg', now, 1)).toBe('Pasted image 2026-05-01 09.05.07 (2).jpg');
  });

  it('keeps real file names', () => {
    expect(pastedFileName('diagram.png', 'image/png', now)).toBe('diagram.png');
  });
});

describe('uploadErrorText', () => {
  it('shows both title and detail of a 413', () => {
    const tooLarge = new ApiError(413, { title: 'File too large', detail: 'Files may be at most 1024 bytes (1 KiB).' });
    expect(uploadErrorText(tooLarge)).toBe('File too large: Files may be at most 1024 bytes (1 KiB).');
    const quota = new ApiError(413, { title: 'Storage quota exceeded', detail: 'Your organisation uses 1 GiB of its 1 GiB storage quota.' });
    expect(uploadErrorText(quota)).toBe('Storage quota exceeded: Your organisation uses 1 GiB of its 1 GiB storage quota.');
  });

  it('explains a lost connection', () => {
    expect(uploadErrorText(new ApiError(0, null))).toMatch(/connection/);
  });

  it('falls back to the problem detail or a generic line', () => {
    expect(uploadErrorText(new ApiError(400, { detail: 'The multipart body is malformed.' }))).toBe('The multipart body is malformed.');
    expect(uploadErrorText(new ApiError(500, null))).toBe('The upload failed.');
  });
});

describe('previewNote', () => {
  const preview = { reason: null, pages: 0, pageCount: null, width: null, height: null };

  it('gives the server reason, or says why by status', () => {
    expect(previewNote({ ...preview, status: 'failed', reason: 'The PDF is password-protected' })).toBe('The PDF is password-protected');
    expect(previewNote({ ...preview, status: 'unsupported' })).toBe('No preview for this kind of file');
    expect(previewNote({ ...preview, status: 'skipped' })).toBe('Too large for a preview');
  });

  it('is silent while a preview exists or is coming', () => {
    expect(previewNote({ ...preview, status: 'pending' })).toBeNull();
    expect(previewNote({ ...preview, status: 'ready', pages: 1 })).toBeNull();
  });
});
