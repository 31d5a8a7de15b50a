// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {WithdrawalVault} from "./WithdrawalVault.sol";

/// @title VaultFactory (reference version of Gen A for the local devnet)
/// @notice Deploys one WithdrawalVault per validator pubkey, only when asked by the TreasuryRouter,
/// at a CREATE2 address derived from sha256(pubkey), so the withdrawal credentials are known before
/// the vault exists. The principal target is fixed at 32 CTN.
contract VaultFactory {
    uint256 public constant PRINCIPAL_TARGET_WEI = 32 ether;

    address public immutable router;
    address public immutable principalDestination;

    mapping(address => bool) public isVault;
    mapping(bytes32 => address) public vaultByValidatorPubkeyHash;
    uint256 public vaultCount;

    error NotRouter();
    error InvalidPubkeyLength();
    error InvalidBeneficiary();
    error InvalidAddress();
    error VaultAlreadyExists(address vault);

    event VaultDeployed(bytes32 indexed validatorPubkeyHash, address indexed vault, address indexed beneficiary);

    constructor(address router_, address principalDestination_) {
        if (router_ == address(0) || principalDestination_ == address(0)) revert InvalidAddress();
        router = router_;
        principalDestination = principalDestination_;
    }

    function deployVault(bytes calldata pubkey, address beneficiary) external returns (address vault) {
        if (msg.sender != router) revert NotRouter();
        if (pubkey.length != 48) revert InvalidPubkeyLength();
        if (beneficiary == address(0)) revert InvalidBeneficiary();
        bytes32 pubkeyHash = sha256(pubkey);
        address existing = vaultByValidatorPubkeyHash[pubkeyHash];
        if (existing != address(0)) revert VaultAlreadyExists(existing);
        vault = address(
            new WithdrawalVault{salt: pubkeyHash}(pubkey, beneficiary, router, principalDestination, PRINCIPAL_TARGET_WEI)
        );
        isVault[vault] = true;
        vaultByValidatorPubkeyHash[pubkeyHash] = vault;
        vaultCount += 1;
        emit VaultDeployed(pubkeyHash, vault, beneficiary);
    }

    /// @notice The address deployVault(pubkey, beneficiary) would give (the beneficiary is part of
    /// the init code, so it is part of the prediction).
    function predictVault(bytes calldata pubkey, address beneficiary) public view returns (address) {
        if (pubkey.length != 48) revert InvalidPubkeyLength();
        bytes32 initCodeHash = keccak256(
            abi.encodePacked(
                type(WithdrawalVault).creationCode,
                abi.encode(pubkey, beneficiary, router, principalDestination, PRINCIPAL_TARGET_WEI)
            )
        );
        return address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), sha256(pubkey), initCodeHash)))));
    }

    function previewWithdrawalCredentials(bytes calldata pubkey, address beneficiary) external view returns (bytes32) {
        return bytes32(uint256(uint160(predictVault(pubkey, beneficiary))) | (uint256(1) << 248));
    }
}
