package org.centurion.seatmanager.dashboard;

import java.util.Optional;

/**
 * One endpoint as last probed.
 *
 * @param layer {@code EL} or {@code CL}
 * @param head EL: block number; CL: head slot
 * @param reference EL: hash of the common block; CL: finalized epoch and root
 * @param agreement {@code AGREES}, {@code LAGGING}, {@code DISAGREES}, {@code DOWN}, {@code WRONG_CHAIN} or {@code ALONE}
 * @param error what failed, naming the endpoint by label only
 */
public record EndpointHealth(String layer, String label, String url, boolean up, Optional<Long> head,
    Optional<String> reference, long latencyMillis, String agreement, Optional<String> error) {}
