package org.lbpcdshooks.knowledge;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.InstantType;
import org.opencds.cqf.cql.engine.runtime.Date;
import org.opencds.cqf.cql.engine.runtime.DateTime;
import org.opencds.cqf.cql.engine.runtime.Precision;

/**
 * The CQL value of the two commonest FHIR date forms, read from the text: a full date ({@code 2026-11-20}) and a
 * dateTime with seconds and an offset ({@code 2026-11-20T08:30:00+01:00}, up to milliseconds). The stock resolver gets
 * the same values through a calendar and by formatting and re-parsing a string, the costliest part of reading a
 * date. Any other form (partial dates, dateTimes without a zone, which take the server's, finer fractions) is left
 * to the stock conversion; a test holds both to the same values.
 */
final class CommonTemporalForms {

    private static final Pattern FULL_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern ZONED_DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,3}))?(Z|[+-]\\d{2}:\\d{2})");

    private CommonTemporalForms() {}

    /** The CQL Date or DateTime, or null when the text is not one of the common forms. */
    static Object toCql(BaseDateTimeType element, String text) {
        try {
            if (element instanceof DateType) {
                var date = FULL_DATE.matcher(text);
                return date.matches() ? fullDate(date.group(1), date.group(2), date.group(3)) : null;
            }
            if (element instanceof DateTimeType || element instanceof InstantType) {
                var dateTime = ZONED_DATE_TIME.matcher(text);
                return dateTime.matches() ? zonedDateTime(dateTime) : null;
            }
            return null;
        } catch (DateTimeException e) {
            return null; // not a valid date (HAPI may accept 2026-02-30 leniently): the stock conversion decides
        }
    }

    private static Date fullDate(String year, String month, String day) {
        return new Date(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)); // validates
    }

    private static DateTime zonedDateTime(Matcher parts) {
        var fraction = parts.group(7);
        var millis = fraction == null ? 0 : Integer.parseInt((fraction + "00").substring(0, 3));
        var zone = parts.group(8);
        var offset = zone.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(zone);
        var value = OffsetDateTime.of(
                Integer.parseInt(parts.group(1)), Integer.parseInt(parts.group(2)), Integer.parseInt(parts.group(3)),
                Integer.parseInt(parts.group(4)), Integer.parseInt(parts.group(5)), Integer.parseInt(parts.group(6)),
                millis * 1_000_000, offset);
        return new DateTime(value, fraction == null ? Precision.SECOND : Precision.MILLISECOND);
    }
}
