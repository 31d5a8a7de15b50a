package org.centurion.seatmanager.seats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.centurion.seatmanager.alerts.EndpointAgreementLog;
import org.centurion.seatmanager.beacon.BeaconClient;
import org.centurion.seatmanager.beacon.BeaconException;
import org.centurion.seatmanager.beacon.ValidatorStatus;
import org.centurion.seatmanager.beacon.ValidatorsAtState;

/**
 * The few beacon-API reads seat commands need before acting, over the one beacon client ({@link
 * BeaconClient}: bounded time and size per answer). They fail closed: an endpoint that cannot
 * answer, is syncing or answers optimistically makes the command refuse, never proceed on a guess;
 * what an irreversible command relies on ({@link #exitReadiness}) must be the same on every endpoint.
 */
public final class BeaconReads {
  /** A validator as the consensus layer reports it. */
  public record Validator(String endpoint, String status, long activationEpoch, long balanceGwei, String withdrawalCredentials,
      boolean slashed) {}

  /**
   * What a force-exit needs to know, agreed by every endpoint: the validator, the current epoch (the
   * lowest any endpoint reports) and {@code SHARD_COMMITTEE_PERIOD} (the highest).
   */
  public record ExitReadiness(Validator validator, long currentEpoch, long shardCommitteePeriod) {}

  /** Thrown when a beacon endpoint cannot give a usable answer. */
  public static class BeaconUnavailableException extends RuntimeException {
    public BeaconUnavailableException(String message) {
      super(message, null, false, false);
    }
  }

  /** Thrown when beacon endpoints answer differently about what a command relies on. */
  public static final class BeaconDisagreementException extends BeaconUnavailableException {
    public BeaconDisagreementException(String message) {
      super(message);
    }
  }

  /** Read names (the health report shows one line per name). */
  static final String READ_EXIT = "force-exit validator status (beacon)";
  static final String READ_FRONT_RUN = "front-running check validator (beacon)";
  static final String READ_RESOLVE = "exception resolution validator (beacon)";
  static final String CODE_DISAGREE = "ENDPOINTS_DISAGREE";
  static final String CODE_UNAVAILABLE = "ENDPOINT_UNAVAILABLE";

  private final List<BeaconClient> endpoints;
  private final Optional<EndpointAgreementLog> log;

  /** @param endpoints one client per configured beacon endpoint; the first answers display reads */
  public BeaconReads(List<BeaconClient> endpoints) {
    this(endpoints, Optional.empty());
  }

  /**
   * @param endpoints one client per configured beacon endpoint; the first answers display reads
   * @param log where each decisive read's outcome is recorded and a refusal alerted (ENDPOINT_DISAGREEING)
   */
  public BeaconReads(List<BeaconClient> endpoints, Optional<EndpointAgreementLog> log) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one beacon endpoint");
    }
    this.endpoints = List.copyOf(endpoints);
    this.log = log;
  }

  private List<String> labels() {
    return endpoints.stream().map(BeaconClient::label).toList();
  }

  private void refused(String read, BeaconUnavailableException e) {
    log.ifPresent(l -> l.refusedBy(read, e instanceof BeaconDisagreementException ? CODE_DISAGREE : CODE_UNAVAILABLE, e.getMessage()));
  }

  /** The validator on every endpoint that knows it (head state); empty when none does. */
  public List<Validator> validatorEverywhere(String pubkey) {
    List<Validator> out = new ArrayList<>();
    try {
      for (BeaconClient c : endpoints) {
        validator(c, pubkey).ifPresent(out::add);
      }
    } catch (BeaconUnavailableException e) {
      refused(READ_FRONT_RUN, e);
      throw e;
    }
    log.ifPresent(l -> l.agreedBy(READ_FRONT_RUN, labels()));
    return out;
  }

  /** The validator according to the first endpoint (for display); empty when it is unknown there. */
  public Optional<Validator> validator(String pubkey) {
    return validator(endpoints.get(0), pubkey);
  }

  /**
   * Every endpoint's view for a force-exit. Refuses (BeaconDisagreementException) when endpoints
   * differ about the validator's status or activation epoch, and (BeaconUnavailableException) when
   * any cannot answer, is syncing or optimistic, or does not know the validator while another does.
   *
   * @return empty when no endpoint knows the validator
   */
  public Optional<ExitReadiness> exitReadiness(String pubkey) {
    try {
      Optional<ExitReadiness> ready = agreedExitReadiness(pubkey);
      log.ifPresent(l -> l.agreedBy(READ_EXIT, labels()));
      return ready;
    } catch (BeaconUnavailableException e) {
      refused(READ_EXIT, e);
      throw e;
    }
  }

  private Optional<ExitReadiness> agreedExitReadiness(String pubkey) {
    List<Validator> seen = new ArrayList<>();
    long currentEpoch = Long.MAX_VALUE;
    long shardPeriod = 0;
    int unknown = 0;
    for (BeaconClient c : endpoints) {
      Optional<Validator> v = validator(c, pubkey);
      if (v.isEmpty()) {
        unknown++;
        continue;
      }
      seen.add(v.get());
      try {
        long slotsPerEpoch = c.specValue("SLOTS_PER_EPOCH");
        if (slotsPerEpoch < 1) {
          throw new BeaconUnavailableException(c.label() + ": SLOTS_PER_EPOCH is 0");
        }
        currentEpoch = Math.min(currentEpoch, c.headSlot() / slotsPerEpoch);
        shardPeriod = Math.max(shardPeriod, c.specValue("SHARD_COMMITTEE_PERIOD"));
      } catch (BeaconException e) {
        throw new BeaconUnavailableException(e.getMessage());
      }
    }
    if (seen.isEmpty()) {
      return Optional.empty();
    }
    if (unknown > 0) {
      throw new BeaconDisagreementException(unknown + " beacon endpoint(s) do not know the validator that "
          + seen.get(0).endpoint() + " reports as " + seen.get(0).status());
    }
    Validator first = seen.get(0);
    for (Validator v : seen) {
      if (!v.status().equals(first.status()) || v.activationEpoch() != first.activationEpoch()) {
        throw new BeaconDisagreementException("beacon endpoints disagree about the validator: " + first.endpoint() + " reports "
            + first.status() + " activated at epoch " + first.activationEpoch() + ", " + v.endpoint() + " " + v.status()
            + " activated at epoch " + v.activationEpoch());
      }
    }
    return Optional.of(new ExitReadiness(first, currentEpoch, shardPeriod));
  }

  /**
   * The validator as every endpoint reports it at the head, for a decision a seat's state rests on
   * (issue 15's resolution of an EXCEPTION seat). Refuses (BeaconDisagreementException) when the
   * endpoints differ in status, slashing or withdrawal credentials, or one does not know the
   * validator another reports; (BeaconUnavailableException) when one cannot answer.
   *
   * @return empty when no endpoint knows the validator
   */
  public Optional<Validator> agreedValidator(String pubkey) {
    try {
      List<Validator> seen = new ArrayList<>();
      int unknown = 0;
      for (BeaconClient c : endpoints) {
        Optional<Validator> v = validator(c, pubkey);
        if (v.isPresent()) {
          seen.add(v.get());
        } else {
          unknown++;
        }
      }
      if (!seen.isEmpty() && unknown > 0) {
        throw new BeaconDisagreementException(unknown + " beacon endpoint(s) do not know the validator that "
            + seen.get(0).endpoint() + " reports as " + seen.get(0).status());
      }
      for (Validator v : seen) {
        Validator first = seen.get(0);
        if (!v.status().equals(first.status()) || v.slashed() != first.slashed()
            || !v.withdrawalCredentials().equalsIgnoreCase(first.withdrawalCredentials())) {
          throw new BeaconDisagreementException("beacon endpoints disagree about the validator: " + first.endpoint()
              + " reports " + first.status() + (first.slashed() ? " (slashed)" : "") + ", " + v.endpoint() + " " + v.status()
              + (v.slashed() ? " (slashed)" : ""));
        }
      }
      log.ifPresent(l -> l.agreedBy(READ_RESOLVE, labels()));
      return seen.stream().findFirst();
    } catch (BeaconUnavailableException e) {
      refused(READ_RESOLVE, e);
      throw e;
    }
  }

  /** The first endpoint's current epoch. */
  public long currentEpoch() {
    BeaconClient c = endpoints.get(0);
    try {
      return c.headSlot() / Math.max(1, c.specValue("SLOTS_PER_EPOCH"));
    } catch (BeaconException e) {
      throw new BeaconUnavailableException(e.getMessage());
    }
  }

  public long shardCommitteePeriod() {
    try {
      return endpoints.get(0).specValue("SHARD_COMMITTEE_PERIOD");
    } catch (BeaconException e) {
      throw new BeaconUnavailableException(e.getMessage());
    }
  }

  /** The validator at the head state; a syncing or optimistic answer is no answer. */
  private static Optional<Validator> validator(BeaconClient c, String pubkey) {
    try {
      ValidatorsAtState at = c.validators("head", List.of(pubkey));
      if (at.optimistic()) {
        throw new BeaconUnavailableException(c.label() + ": syncing or optimistic; its answer is not used");
      }
      ValidatorStatus s = at.byPubkey().get(pubkey.toLowerCase(java.util.Locale.ROOT));
      return Optional.ofNullable(s).map(v -> new Validator(c.label(), v.status(), v.activationEpoch(), v.balanceGwei(),
          v.withdrawalCredentials(), v.slashed()));
    } catch (BeaconException e) {
      throw new BeaconUnavailableException(e.getMessage());
    }
  }
}
