import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * The little of the ZIP format a .docx needs: read the archive the docx
 * package writes (once per template version) and write archives fast (once per
 * download), with the parts that never change compressed in advance.
 */

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;
/** 1 January 1980, 00:00, the earliest DOS date: the same bytes for every download. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

export interface ZipPart {
  name: string;
  data: Buffer;
}

/** Reads every file of a ZIP archive (stored or deflated). */
export function readZip(archive: Buffer): ZipPart[] {
  let end = -1;
  for (let i = archive.length - 22; i >= Math.max(0, archive.length - 22 - 0xffff); i--) {
    if (archive.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('Not a ZIP archive: no end of central directory');
  const count = archive.readUInt16LE(end + 10);
  let p = archive.readUInt32LE(end + 16);
  const parts: ZipPart[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(p) !== CENTRAL_HEADER) throw new Error('Corrupt ZIP central directory');
    const method = archive.readUInt16LE(p + 10);
    const compressedSize = archive.readUInt32LE(p + 20);
    const nameLength = archive.readUInt16LE(p + 28);
    const extraLength = archive.readUInt16LE(p + 30);
    const commentLength = archive.readUInt16LE(p + 32);
    const localOffset = archive.readUInt32LE(p + 42);
    const name = archive.toString('utf8', p + 46, p + 46 + nameLength);
    const localNameLength = archive.readUInt16LE(localOffset + 26);
    const localExtraLength = archive.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const raw = archive.subarray(start, start + compressedSize);
    if (method !== STORED && method !== DEFLATED) throw new Error(`ZIP entry ${name} uses unsupported method ${method}`);
    parts.push({ name, data: method === DEFLATED ? inflateRawSync(raw) : Buffer.from(raw) });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

/** One file, compressed and with its checksum, ready to be placed in an archive. */
export interface PackedPart {
  readonly name: Buffer;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly body: Buffer;
}

/**
 * Compresses one file. Level 6 is for parts packed once; a part packed per
 * download uses a low level, which costs little and every reader opens.
 */
export function packPart(name: string, data: Buffer, level = 6): PackedPart {
  const deflated = deflateRawSync(data, { level });
  const useDeflate = deflated.length < data.length;
  return {
    name: Buffer.from(name, 'utf8'),
    method: useDeflate ? DEFLATED : STORED,
    crc: crc32(data),
    size: data.length,
    body: useDeflate ? deflated : data,
  };
}

function localHeader(part: PackedPart): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(LOCAL_HEADER, 0);
  h.writeUInt16LE(20, 4); // version needed: 2.0
  h.writeUInt16LE(0x0800, 6); // names are UTF-8
  h.writeUInt16LE(part.method, 8);
  h.writeUInt16LE(DOS_TIME, 10);
  h.writeUInt16LE(DOS_DATE, 12);
  h.writeUInt32LE(part.crc >>> 0, 14);
  h.writeUInt32LE(part.body.length, 18);
  h.writeUInt32LE(part.size, 22);
  h.writeUInt16LE(part.name.length, 26);
  h.writeUInt16LE(0, 28);
  return h;
}

function centralHeader(part: PackedPart, offset: number): Buffer {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(CENTRAL_HEADER, 0);
  h.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(0x0800, 8);
  h.writeUInt16LE(part.method, 10);
  h.writeUInt16LE(DOS_TIME, 12);
  h.writeUInt16LE(DOS_DATE, 14);
  h.writeUInt32LE(part.crc >>> 0, 16);
  h.writeUInt32LE(part.body.length, 20);
  h.writeUInt32LE(part.size, 24);
  h.writeUInt16LE(part.name.length, 28);
  // extra, comment, disk, internal and external attributes: all 0
  h.writeUInt32LE(offset, 42);
  return h;
}

/**
 * An archive whose first files are fixed: their local records and central
 * directory entries are laid out once, so writing an archive only lays out the
 * files that change and the directory's end.
 */
export class ZipWriter {
  private readonly fixedRecords: Buffer;
  private readonly fixedDirectory: Buffer;
  private readonly fixedCount: number;

  constructor(fixed: readonly PackedPart[]) {
    const records: Buffer[] = [];
    const directory: Buffer[] = [];
    let offset = 0;
    for (const part of fixed) {
      directory.push(centralHeader(part, offset), part.name);
      records.push(localHeader(part), part.name, part.body);
      offset += 30 + part.name.length + part.body.length;
    }
    this.fixedRecords = Buffer.concat(records);
    this.fixedDirectory = Buffer.concat(directory);
    this.fixedCount = fixed.length;
  }

  /** The archive: the fixed files, then `parts`. */
  write(parts: readonly PackedPart[]): Buffer {
    const records: Buffer[] = [this.fixedRecords];
    const directory: Buffer[] = [this.fixedDirectory];
    let offset = this.fixedRecords.length;
    let directorySize = this.fixedDirectory.length;
    for (const part of parts) {
      records.push(localHeader(part), part.name, part.body);
      directory.push(centralHeader(part, offset), part.name);
      offset += 30 + part.name.length + part.body.length;
      directorySize += 46 + part.name.length;
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(this.fixedCount + parts.length, 8);
    end.writeUInt16LE(this.fixedCount + parts.length, 10);
    end.writeUInt32LE(directorySize, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...records, ...directory, end], offset + directorySize + 22);
  }
}
