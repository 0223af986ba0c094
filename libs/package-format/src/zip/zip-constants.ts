/** Signatures, flags and magic numbers of the ZIP format (APPNOTE.TXT 6.3.x). */
export const SIG_LOCAL_FILE_HEADER = 0x04034b50;
export const SIG_DATA_DESCRIPTOR = 0x08074b50;
export const SIG_CENTRAL_DIRECTORY_HEADER = 0x02014b50;
export const SIG_END_OF_CENTRAL_DIRECTORY = 0x06054b50;
export const SIG_ZIP64_END_OF_CENTRAL_DIRECTORY = 0x06064b50;
export const SIG_ZIP64_END_OF_CENTRAL_DIRECTORY_LOCATOR = 0x07064b50;

export const LOCAL_FILE_HEADER_SIZE = 30;
export const CENTRAL_DIRECTORY_HEADER_SIZE = 46;
export const END_OF_CENTRAL_DIRECTORY_SIZE = 22;
export const ZIP64_END_OF_CENTRAL_DIRECTORY_SIZE = 56;
export const ZIP64_END_OF_CENTRAL_DIRECTORY_LOCATOR_SIZE = 20;

/** General purpose flag bits. */
export const FLAG_ENCRYPTED = 0x0001;
export const FLAG_DATA_DESCRIPTOR = 0x0008;
export const FLAG_STRONG_ENCRYPTION = 0x0040;
export const FLAG_UTF8 = 0x0800;

export const METHOD_STORE = 0;
export const METHOD_DEFLATE = 8;
/** LZMA: HouseF3's own backups use it for large packages; refused with advice (see entry-checks). */
export const METHOD_LZMA = 14;

/** Extra field ids. */
export const EXTRA_ZIP64 = 0x0001;

/** Version needed to extract: 2.0 (deflate) and 4.5 (ZIP64). */
export const VERSION_DEFLATE = 20;
export const VERSION_ZIP64 = 45;
/** Version made by: host 3 (Unix) so external attributes carry Unix modes, spec 4.5. */
export const VERSION_MADE_BY_UNIX = (3 << 8) | VERSION_ZIP64;

/** Unix file type bits (st_mode >> 12) carried in the high 16 bits of external attributes. */
export const UNIX_FILE_TYPE_MASK = 0o170000;
export const UNIX_REGULAR_FILE = 0o100000;
export const UNIX_DIRECTORY = 0o040000;
export const UNIX_SYMLINK = 0o120000;
/** -rw-r--r-- regular file: what the writer puts in every entry's external attributes. */
export const UNIX_REGULAR_FILE_0644 = UNIX_REGULAR_FILE | 0o644;

/** MS-DOS attribute bits (low byte of external attributes). */
export const DOS_DIRECTORY = 0x10;
/** FILE_ATTRIBUTE_REPARSE_POINT: how Windows tools mark symlinks and junctions. */
export const DOS_REPARSE_POINT = 0x400;

export const UINT16_MAX = 0xffff;
export const UINT32_MAX = 0xffffffff;
