package org.careledger.core.publichealth;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The demographics a linkage token is computed from. {@link #normalized()} makes two providers' spellings of one
 * person agree: names upper-cased with accents and everything but A–Z removed, sex as one letter, ZIP's first five
 * digits.
 *
 * @param family    family name
 * @param given     first given name
 * @param birthDate ISO day
 * @param sex       FHIR administrative gender (male, female, other, unknown) or M/F/O/U
 * @param zip       postal code
 */
public record Demographics(String family, String given, String birthDate, String sex, String zip) {
    /** The canonical form: {@code FAMILY|GIVEN|yyyy-MM-dd|S|zip5}. */
    public String normalized() {
        return name(family) + "|" + name(given) + "|" + (birthDate == null ? "" : birthDate.strip()) + "|" + sex(sex)
                + "|" + zip5(zip);
    }

    static String name(String s) {
        if (s == null) {
            return "";
        }
        String plain = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
    }

    static String sex(String s) {
        if (s == null || s.isBlank()) {
            return "U";
        }
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "male", "m" -> "M";
            case "female", "f" -> "F";
            case "other", "o" -> "O";
            default -> "U";
        };
    }

    /** The first five digits of a postal code, or "" if it has fewer. */
    public static String zip5(String zip) {
        String digits = zip == null ? "" : zip.replaceAll("[^0-9]", "");
        return digits.length() >= 5 ? digits.substring(0, 5) : "";
    }
}
