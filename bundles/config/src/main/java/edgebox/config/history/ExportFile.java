package edgebox.config.history;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import edgebox.api.config.ConfigProblem;
import edgebox.config.apply.AtomicFiles;
import edgebox.config.apply.Refused;
import edgebox.config.model.EtcFile;

/**
 * The whole configuration as one file, a zip of stored entries: {@value #MARKER} (what it is, when and from which revision) and every
 * configuration file in force ({@code etc/NAME.cfg}, {@code etc/manifests/NAME.yaml}). Reading checks it all before
 * anything is used: the marker, every entry's name, size, checksum and UTF-8 text; a refusal names the entry.
 * It holds secrets: the file is written readable by its owner only.
 */
public final class ExportFile {

    static final String MARKER = "edgebox-config.properties";
    static final String FORMAT = "1";
    static final int MAX_ENTRIES = 10_000;
    static final long MAX_ENTRY_BYTES = 4L * 1024 * 1024;
    static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024;

    private ExportFile() {
    }

    /** Writes the files to {@code file}, replacing it whole. */
    public static void write(Path file, Map<EtcFile, String> files, int revision, Instant time) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            Properties marker = new Properties();
            marker.setProperty("format", FORMAT);
            marker.setProperty("revision", Integer.toString(revision));
            marker.setProperty("exported", time.toString());
            StringWriter text = new StringWriter();
            marker.store(text, "edgebox configuration export: config:import FILE restores it");
            entry(zip, MARKER, text.toString());
            for (Map.Entry<EtcFile, String> f : new TreeMap<>(files).entrySet()) {
                entry(zip, f.getKey().path(), f.getValue());
            }
        }
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        AtomicFiles.write(target, bytes.toByteArray());
        try {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own access rules apply
        }
    }

    /** Stored, not deflated: the files stay readable as they are ({@code unzip -p FILE etc/NAME.cfg} works too). */
    private static void entry(ZipOutputStream zip, String name, String text) throws IOException {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(content);
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(content.length);
        e.setCompressedSize(content.length);
        e.setCrc(crc.getValue());
        e.setTime(0);
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
    }

    /**
     * The configuration files an export holds.
     *
     * @throws Refused naming the file and the entry when it is no edgebox export, is damaged or holds anything else
     */
    public static Map<EtcFile, String> read(Path file) throws IOException, Refused {
        String source = file.toString();
        Map<EtcFile, String> files = new TreeMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        boolean marked = false;
        try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            if (zip.size() > MAX_ENTRIES) {
                throw new Refused(source, "", "more than " + MAX_ENTRIES + " entries");
            }
            long total = 0;
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
                ZipEntry e = en.nextElement();
                String name = e.getName();
                if (e.isDirectory() && (name.equals(EtcFile.CFG_FOLDER) || name.equals(EtcFile.MANIFEST_FOLDER))) {
                    continue;
                }
                EtcFile etc = EtcFile.parse(name);
                if (etc == null && !name.equals(MARKER)) {
                    problems.add(new ConfigProblem(source, name, "",
                            "not a configuration file (etc/NAME.cfg or etc/manifests/NAME.yaml)"));
                    continue;
                }
                byte[] content = content(zip, e);
                total += content.length;
                if (total > MAX_TOTAL_BYTES) {
                    throw new Refused(source, "", "more than " + MAX_TOTAL_BYTES + " bytes in all");
                }
                String text = utf8(content);
                if (text == null) {
                    problems.add(new ConfigProblem(source, name, "", "not UTF-8 text"));
                } else if (etc == null) {
                    marked = true;
                    checkMarker(source, text, problems);
                } else if (files.put(etc, text) != null) {
                    problems.add(new ConfigProblem(source, name, "", "more than once in the file"));
                }
            }
        } catch (NoSuchFileException e) {
            throw new Refused(source, "", "no such file");
        } catch (ZipException e) {
            throw new Refused(source, "", "not an edgebox configuration export, or damaged: " + e.getMessage());
        } catch (Damaged e) {
            throw new Refused(source, e.entry, e.getMessage());
        }
        if (!marked) {
            problems.add(0, new ConfigProblem(source, MARKER, "", "missing: not an edgebox configuration export"));
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        return files;
    }

    private static byte[] content(ZipFile zip, ZipEntry e) throws IOException, Damaged {
        if (e.getSize() > MAX_ENTRY_BYTES) {
            throw new Damaged(e.getName(), "larger than " + MAX_ENTRY_BYTES + " bytes");
        }
        byte[] content;
        try (InputStream in = zip.getInputStream(e)) {
            content = in.readNBytes((int) MAX_ENTRY_BYTES + 1);
        } catch (ZipException | java.io.EOFException damaged) {
            throw new Damaged(e.getName(), "damaged: " + damaged.getMessage());
        }
        if (content.length > MAX_ENTRY_BYTES) {
            throw new Damaged(e.getName(), "larger than " + MAX_ENTRY_BYTES + " bytes");
        }
        CRC32 crc = new CRC32();
        crc.update(content);
        if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
            throw new Damaged(e.getName(), "damaged: its checksum does not match");
        }
        return content;
    }

    private static void checkMarker(String source, String text, List<ConfigProblem> problems) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        if (!FORMAT.equals(p.getProperty("format"))) {
            problems.add(new ConfigProblem(source, MARKER, "format",
                    "'" + p.getProperty("format") + "' is not a format this box reads (" + FORMAT + ")"));
        }
    }

    private static String utf8(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** An entry that cannot be read whole: the export is refused naming it. */
    private static final class Damaged extends Exception {

        private static final long serialVersionUID = 1L;
        private final String entry;

        Damaged(String entry, String reason) {
            super(reason);
            this.entry = entry;
        }
    }
}
