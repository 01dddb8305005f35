package dev.assocrec.store;

import java.util.Locale;

/** A parsed {@code s3://bucket/key} address. The key may be empty (the bucket root) or a prefix. */
public record S3Uri(String bucket, String key) {

    public static boolean isS3(String location) {
        return location != null && location.toLowerCase(Locale.ROOT).startsWith("s3://");
    }

    public static S3Uri parse(String location) {
        if (!isS3(location)) {
            throw new IllegalArgumentException("not an s3:// URI: '" + location + "'");
        }
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("invalid S3 bucket name '" + bucket + "' in '" + location + "'");
        }
        return new S3Uri(bucket, key);
    }

    /** The key with a trailing slash, or "" for the bucket root: a prefix that keys can be appended to. */
    public String prefix() {
        return key.isEmpty() || key.endsWith("/") ? key : key + "/";
    }

    public S3Uri resolve(String relative) {
        return new S3Uri(bucket, prefix() + relative);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
