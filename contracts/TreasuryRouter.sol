// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title TreasuryRouter (reference version for the local devnet)
/// @notice Holds the treasury's CTN and is the treasury's on-chain identity: vaults and the factory
/// trust msg.sender == router. The key that operates it (the active signer) can be rotated with a
/// 7-day delay without touching any vault.
contract TreasuryRouter {
    uint256 public constant SIGNER_ROTATION_DELAY = 7 days;

    address public activeSigner;
    address public pendingSigner;
    uint256 public pendingSignerReadyAt;

    error NotActiveSigner();
    error NotPendingSigner();
    error InvalidSigner();
    error NoPendingRotation();
    error RotationNotReady(uint256 readyAt);
    error CallFailed(bytes returnData);

    event Executed(address indexed signer, address indexed target, uint256 value, bytes4 selector);
    event SignerRotationProposed(address indexed current, address indexed proposed, uint256 readyAt);
    event SignerRotationCancelled(address indexed proposed);
    event SignerRotated(address indexed previous, address indexed current);
    event Received(address indexed from, uint256 value);

    modifier onlyActiveSigner() {
        if (msg.sender != activeSigner) revert NotActiveSigner();
        _;
    }

    constructor(address signer) {
        if (signer == address(0)) revert InvalidSigner();
        activeSigner = signer;
        emit SignerRotated(address(0), signer);
    }

    receive() external payable {
        emit Received(msg.sender, msg.value);
    }

    /// @notice Forwards one call; a revert of the target is re-raised wrapped in CallFailed so the
    /// caller can decode the target's own error from the payload.
    function execute(address target, uint256 value, bytes calldata data)
        external
        onlyActiveSigner
        returns (bytes memory result)
    {
        bool ok;
        (ok, result) = target.call{value: value}(data);
        if (!ok) revert CallFailed(result);
        bytes4 selector = data.length >= 4 ? bytes4(data[0:4]) : bytes4(0);
        emit Executed(msg.sender, target, value, selector);
    }

    function proposeSignerRotation(address proposed) external onlyActiveSigner {
        if (proposed == address(0) || proposed == activeSigner) revert InvalidSigner();
        pendingSigner = proposed;
        pendingSignerReadyAt = block.timestamp + SIGNER_ROTATION_DELAY;
        emit SignerRotationProposed(activeSigner, proposed, pendingSignerReadyAt);
    }

    function cancelSignerRotation() external onlyActiveSigner {
        address proposed = pendingSigner;
        if (proposed == address(0)) revert NoPendingRotation();
        pendingSigner = address(0);
        pendingSignerReadyAt = 0;
        emit SignerRotationCancelled(proposed);
    }

    /// @notice The new signer proves it holds its key by accepting, and only after the delay.
    function acceptSignerRotation() external {
        if (pendingSigner == address(0)) revert NoPendingRotation();
        if (msg.sender != pendingSigner) revert NotPendingSigner();
        if (block.timestamp < pendingSignerReadyAt) revert RotationNotReady(pendingSignerReadyAt);
        address previous = activeSigner;
        activeSigner = msg.sender;
        pendingSigner = address(0);
        pendingSignerReadyAt = 0;
        emit SignerRotated(previous, msg.sender);
    }
}
