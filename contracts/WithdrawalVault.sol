// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title WithdrawalVault (reference version of Gen A "v3" for the local devnet)
/// @notice The 0x01 withdrawal-credential address of exactly one validator. Consensus-layer reward
/// sweeps and the exit proceeds land here without running code; the vault pays them out in two
/// phases:
///  - Running: the beneficiary claims rewards with a delay, a 30-day cap, and principal protection
///    (no claim while the balance could be principal, i.e. is at least the principal target).
///  - ExitSettlement: after the treasury's settlement, principal first to the principal destination,
///    the rest to the beneficiary; whatever arrives later is drained the same way after 90 days.
/// Conservation: totalLifetimeWei() == balance + principalClaimedWei + rewardsClaimedWei always,
/// where totalLifetimeWei is everything that ever arrived.
contract WithdrawalVault {
    enum Phase { Running, ExitSettlement }

    address public constant EXIT_REQUEST_PREDEPLOY = 0x00000961Ef480Eb55e80D19ad83579A64c007002;
    uint256 public constant STANDARD_PRINCIPAL_TARGET = 32 ether;
    uint256 public constant MIN_CLAIM_DELAY = 1 hours;
    uint256 public constant MAX_CLAIM_DELAY = 30 days;
    uint256 public constant DEFAULT_CLAIM_DELAY = 24 hours;
    uint256 public constant CLAIM_PERIOD = 30 days;
    uint256 public constant DEFAULT_MAX_CLAIM_PER_PERIOD = 4 ether;
    uint256 public constant SETTLEMENT_DELAY = 1 hours;
    uint256 public constant DRAIN_DELAY = 90 days;
    uint256 public constant BENEFICIARY_ROTATION_DELAY = 7 days;

    address public immutable factory;
    address public immutable treasury;
    address public immutable principalDestination;
    uint256 public immutable principalTargetWei;
    bytes32 public immutable validatorPubkeyHash;
    bytes private validatorPubkey;

    address public beneficiary;
    Phase public phase;

    uint256 public claimDelay;
    uint256 public maxClaimPerPeriod;
    uint256 public claimPeriodStart;
    uint256 public claimedInPeriodWei;
    uint256 public pendingClaimWei;
    uint256 public pendingClaimReadyAt;

    uint256 public settlementReadyAt;
    uint256 public settlementMaxRewardsClaimedWei;
    uint256 public settledAt;

    address public pendingBeneficiary;
    uint256 public beneficiaryRotationReadyAt;
    bool public beneficiaryRotationApproved;

    uint256 public principalClaimedWei;
    uint256 public rewardsClaimedWei;
    uint256 public exitRequestCount;

    error NotTreasury();
    error NotBeneficiary();
    error InvalidPubkeyLength();
    error InvalidBeneficiary();
    error InvalidPrincipalDestination();
    error InvalidPrincipalTarget();
    error InvalidClaimDelay();
    error InvalidClaimAmount();
    error WrongPhase();
    error PrincipalProtectionActive();
    error ClaimAlreadyPending();
    error NoPendingClaim();
    error ClaimNotReady(uint256 readyAt);
    error ClaimExceedsPeriodCap(uint256 remainingWei);
    error InsufficientBalance();
    error SettlementPending();
    error SettlementAlreadyProposed();
    error NoSettlementProposed();
    error SettlementNotReady(uint256 readyAt);
    error RewardsClaimedExceedGuard(uint256 rewardsClaimedWei, uint256 maxRewardsClaimedWei);
    error DrainTooEarly(uint256 drainableAt);
    error NothingToDrain();
    error ExitRequestFailed();
    error ExitFeeUnavailable();
    error TransferFailed();
    error NotTreasuryOrBeneficiary();
    error NoPendingBeneficiary();
    error PendingBeneficiaryMismatch();
    error NotPendingBeneficiary();
    error BeneficiaryRotationNotApproved();
    error BeneficiaryRotationNotReady(uint256 readyAt);

    event ClaimInitiated(uint256 amountWei, uint256 readyAt);
    event ClaimCancelled(uint256 amountWei);
    event ClaimFinalized(address indexed beneficiary, uint256 amountWei);
    event ClaimDelayChanged(uint256 claimDelay);
    event MaxClaimPerPeriodChanged(uint256 maxClaimPerPeriod);
    event SettlementProposed(uint256 maxRewardsClaimedWei, uint256 readyAt);
    event SettlementCancelled();
    event SettlementFinalized(uint256 principalPaidWei, uint256 beneficiaryPaidWei);
    event RemainderDrained(uint256 principalPaidWei, uint256 beneficiaryPaidWei);
    event ValidatorExitRequested(bytes pubkey, uint256 feeWei);
    event BeneficiaryRotationProposed(address indexed current, address indexed proposed, uint256 readyAt);
    event BeneficiaryRotationApproved(address indexed proposed);
    event BeneficiaryRotationCancelled(address indexed proposed);
    event BeneficiaryRotated(address indexed previous, address indexed current);

    modifier onlyTreasury() {
        if (msg.sender != treasury) revert NotTreasury();
        _;
    }

    modifier onlyBeneficiary() {
        if (msg.sender != beneficiary) revert NotBeneficiary();
        _;
    }

    constructor(
        bytes memory pubkey_,
        address beneficiary_,
        address treasury_,
        address principalDestination_,
        uint256 principalTargetWei_
    ) {
        if (pubkey_.length != 48) revert InvalidPubkeyLength();
        if (beneficiary_ == address(0)) revert InvalidBeneficiary();
        if (principalDestination_ == address(0)) revert InvalidPrincipalDestination();
        if (principalTargetWei_ != STANDARD_PRINCIPAL_TARGET) revert InvalidPrincipalTarget();
        factory = msg.sender;
        treasury = treasury_;
        principalDestination = principalDestination_;
        principalTargetWei = principalTargetWei_;
        validatorPubkeyHash = sha256(pubkey_);
        validatorPubkey = pubkey_;
        beneficiary = beneficiary_;
        claimDelay = DEFAULT_CLAIM_DELAY;
        maxClaimPerPeriod = DEFAULT_MAX_CLAIM_PER_PERIOD;
        claimPeriodStart = block.timestamp;
    }

    /// @notice Plain transfers are accepted; consensus-layer withdrawals arrive without a call anyway.
    receive() external payable {}

    // ---------------------------------------------------------------- views

    function pubkey() external view returns (bytes memory) {
        return validatorPubkey;
    }

    /// @notice 0x01 ‖ 11 zero bytes ‖ this vault's address.
    function executionWithdrawalCredentials() public view returns (bytes32) {
        return bytes32(uint256(uint160(address(this))) | (uint256(1) << 248));
    }

    function totalLifetimeWei() external view returns (uint256) {
        return address(this).balance + principalClaimedWei + rewardsClaimedWei;
    }

    function currentExitRequestFeeWei() public view returns (uint256) {
        (bool ok, bytes memory out) = EXIT_REQUEST_PREDEPLOY.staticcall("");
        if (!ok || out.length != 32) revert ExitFeeUnavailable();
        return abi.decode(out, (uint256));
    }

    // ------------------------------------------------------- treasury settings

    function setClaimDelay(uint256 newDelay) external onlyTreasury {
        if (newDelay < MIN_CLAIM_DELAY || newDelay > MAX_CLAIM_DELAY) revert InvalidClaimDelay();
        claimDelay = newDelay;
        emit ClaimDelayChanged(newDelay);
    }

    function setMaxClaimPerPeriod(uint256 newCap) external onlyTreasury {
        maxClaimPerPeriod = newCap;
        emit MaxClaimPerPeriodChanged(newCap);
    }

    // ------------------------------------------------------ beneficiary rotation

    /// @notice The beneficiary proposes a successor; the treasury must approve that exact address,
    /// and the successor takes over itself, no sooner than 7 days after the proposal.
    function proposeBeneficiary(address proposed) external onlyBeneficiary {
        if (proposed == address(0) || proposed == beneficiary) revert InvalidBeneficiary();
        pendingBeneficiary = proposed;
        beneficiaryRotationReadyAt = block.timestamp + BENEFICIARY_ROTATION_DELAY;
        beneficiaryRotationApproved = false;
        emit BeneficiaryRotationProposed(beneficiary, proposed, beneficiaryRotationReadyAt);
    }

    /// @dev Naming the address guards against approving a proposal swapped in just before.
    function approveBeneficiaryRotation(address expected) external onlyTreasury {
        if (pendingBeneficiary == address(0)) revert NoPendingBeneficiary();
        if (pendingBeneficiary != expected) revert PendingBeneficiaryMismatch();
        beneficiaryRotationApproved = true;
        emit BeneficiaryRotationApproved(expected);
    }

    function cancelBeneficiaryRotation() external {
        if (msg.sender != treasury && msg.sender != beneficiary) revert NotTreasuryOrBeneficiary();
        address proposed = pendingBeneficiary;
        if (proposed == address(0)) revert NoPendingBeneficiary();
        _clearBeneficiaryRotation();
        emit BeneficiaryRotationCancelled(proposed);
    }

    /// @notice A pending claim is cancelled: it was initiated under the old beneficiary.
    function acceptBeneficiary() external {
        if (pendingBeneficiary == address(0)) revert NoPendingBeneficiary();
        if (msg.sender != pendingBeneficiary) revert NotPendingBeneficiary();
        if (!beneficiaryRotationApproved) revert BeneficiaryRotationNotApproved();
        if (block.timestamp < beneficiaryRotationReadyAt) revert BeneficiaryRotationNotReady(beneficiaryRotationReadyAt);
        if (pendingClaimReadyAt != 0) _clearPendingClaim();
        address previous = beneficiary;
        beneficiary = msg.sender;
        _clearBeneficiaryRotation();
        emit BeneficiaryRotated(previous, msg.sender);
    }

    function _clearBeneficiaryRotation() private {
        pendingBeneficiary = address(0);
        beneficiaryRotationReadyAt = 0;
        beneficiaryRotationApproved = false;
    }

    // ------------------------------------------------------ running-phase claims

    function initiateClaimRewards(uint256 amountWei) external onlyBeneficiary {
        if (phase != Phase.Running) revert WrongPhase();
        if (settlementReadyAt != 0) revert SettlementPending();
        if (pendingClaimReadyAt != 0) revert ClaimAlreadyPending();
        if (amountWei == 0) revert InvalidClaimAmount();
        _checkClaimable(amountWei);
        pendingClaimWei = amountWei;
        pendingClaimReadyAt = block.timestamp + claimDelay;
        emit ClaimInitiated(amountWei, pendingClaimReadyAt);
    }

    function cancelClaimRewards() external onlyBeneficiary {
        if (pendingClaimReadyAt == 0) revert NoPendingClaim();
        _clearPendingClaim();
    }

    function finalizeClaimRewards() external onlyBeneficiary {
        if (phase != Phase.Running) revert WrongPhase();
        if (pendingClaimReadyAt == 0) revert NoPendingClaim();
        if (block.timestamp < pendingClaimReadyAt) revert ClaimNotReady(pendingClaimReadyAt);
        uint256 amountWei = pendingClaimWei;
        _checkClaimable(amountWei);
        pendingClaimWei = 0;
        pendingClaimReadyAt = 0;
        claimedInPeriodWei += amountWei;
        rewardsClaimedWei += amountWei;
        emit ClaimFinalized(beneficiary, amountWei);
        _send(beneficiary, amountWei);
    }

    /// @dev Rechecked at finalization: the principal may have arrived, or a period may have rolled.
    function _checkClaimable(uint256 amountWei) private {
        if (address(this).balance >= principalTargetWei) revert PrincipalProtectionActive();
        if (amountWei > address(this).balance) revert InsufficientBalance();
        if (block.timestamp >= claimPeriodStart + CLAIM_PERIOD) {
            claimPeriodStart = block.timestamp;
            claimedInPeriodWei = 0;
        }
        uint256 remaining = maxClaimPerPeriod > claimedInPeriodWei ? maxClaimPerPeriod - claimedInPeriodWei : 0;
        if (amountWei > remaining) revert ClaimExceedsPeriodCap(remaining);
    }

    function _clearPendingClaim() private {
        uint256 amountWei = pendingClaimWei;
        pendingClaimWei = 0;
        pendingClaimReadyAt = 0;
        emit ClaimCancelled(amountWei);
    }

    // ------------------------------------------------------------- settlement

    /// @notice Starts the settlement window and cancels a pending claim. The guard stops a claim that
    /// was finalized just before this transaction from taking more than the treasury accounted for.
    function proposeSettlement(uint256 maxRewardsClaimedWei) external onlyTreasury {
        if (phase != Phase.Running) revert WrongPhase();
        if (settlementReadyAt != 0) revert SettlementAlreadyProposed();
        if (rewardsClaimedWei > maxRewardsClaimedWei) {
            revert RewardsClaimedExceedGuard(rewardsClaimedWei, maxRewardsClaimedWei);
        }
        if (pendingClaimReadyAt != 0) _clearPendingClaim();
        settlementReadyAt = block.timestamp + SETTLEMENT_DELAY;
        settlementMaxRewardsClaimedWei = maxRewardsClaimedWei;
        emit SettlementProposed(maxRewardsClaimedWei, settlementReadyAt);
    }

    function cancelSettlement() external onlyTreasury {
        if (phase != Phase.Running) revert WrongPhase();
        if (settlementReadyAt == 0) revert NoSettlementProposed();
        settlementReadyAt = 0;
        settlementMaxRewardsClaimedWei = 0;
        emit SettlementCancelled();
    }

    function finalizeSettlement() external onlyTreasury {
        if (phase != Phase.Running) revert WrongPhase();
        if (settlementReadyAt == 0) revert NoSettlementProposed();
        if (block.timestamp < settlementReadyAt) revert SettlementNotReady(settlementReadyAt);
        phase = Phase.ExitSettlement;
        settledAt = block.timestamp;
        settlementReadyAt = 0;
        (uint256 principalPaid, uint256 beneficiaryPaid) = _payPrincipalFirst();
        emit SettlementFinalized(principalPaid, beneficiaryPaid);
    }

    /// @notice Late arrivals after settlement (a final sweep, a stray transfer) are paid out the same
    /// principal-first way, but only after DRAIN_DELAY.
    function drainRemainder() external onlyTreasury {
        if (phase != Phase.ExitSettlement) revert WrongPhase();
        if (block.timestamp < settledAt + DRAIN_DELAY) revert DrainTooEarly(settledAt + DRAIN_DELAY);
        if (address(this).balance == 0) revert NothingToDrain();
        (uint256 principalPaid, uint256 beneficiaryPaid) = _payPrincipalFirst();
        emit RemainderDrained(principalPaid, beneficiaryPaid);
    }

    function _payPrincipalFirst() private returns (uint256 principalPaid, uint256 beneficiaryPaid) {
        uint256 available = address(this).balance;
        uint256 principalOutstanding =
            principalTargetWei > principalClaimedWei ? principalTargetWei - principalClaimedWei : 0;
        principalPaid = available < principalOutstanding ? available : principalOutstanding;
        beneficiaryPaid = available - principalPaid;
        principalClaimedWei += principalPaid;
        rewardsClaimedWei += beneficiaryPaid;
        if (principalPaid > 0) _send(principalDestination, principalPaid);
        if (beneficiaryPaid > 0) _send(beneficiary, beneficiaryPaid);
    }

    // ------------------------------------------------------------------ exit

    /// @notice Asks the consensus layer, through EIP-7002, to fully exit this vault's validator. The
    /// treasury pays the fee with msg.value (any overpayment stays with the predeploy, as on chain).
    /// The consensus layer may still ignore the request (e.g. too soon after activation): callers
    /// must watch the beacon chain, and may call again.
    function triggerValidatorExit() external payable onlyTreasury {
        (bool ok,) = EXIT_REQUEST_PREDEPLOY.call{value: msg.value}(abi.encodePacked(validatorPubkey, uint64(0)));
        if (!ok) revert ExitRequestFailed();
        exitRequestCount += 1;
        emit ValidatorExitRequested(validatorPubkey, msg.value);
    }

    function _send(address to, uint256 amountWei) private {
        (bool ok,) = to.call{value: amountWei}("");
        if (!ok) revert TransferFailed();
    }
}
