// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

interface IVaultRegistry {
    function isVault(address vault) external view returns (bool);
    function vaultByValidatorPubkeyHash(bytes32 pubkeyHash) external view returns (address);
}

/// @title DepositContractCTN (reference version of Gen A for the local devnet)
/// @notice The canonical validator deposit interface (deposit, DepositEvent, SSZ deposit tree) with
/// Centurion admission in front of it: a deposit needs a one-use intent, added by the allowlist
/// admin, for this exact (pubkey, credentials, amount, depositor, epoch); the credentials must be
/// 0x01 credentials of the factory vault bound to that pubkey; the amount is exactly 32 CTN; and a
/// pubkey is admitted once.
contract DepositContractCTN {
    uint256 private constant TREE_DEPTH = 32;
    uint256 private constant MAX_DEPOSIT_COUNT = 2 ** TREE_DEPTH - 1;
    uint64 public constant PHASE1_DEPOSIT_AMOUNT_GWEI = 32_000_000_000;

    address public immutable vaultFactory;

    address public owner;
    address public pendingOwner;
    address public allowlistAdmin;
    address public pendingAllowlistAdmin;
    uint256 public allowlistEpoch;

    mapping(bytes32 => bool) public allowedDeposits;
    mapping(bytes32 => bool) public consumedIntents;
    mapping(bytes32 => bool) public phase1ValidatorActivated;

    bytes32[TREE_DEPTH] private branch;
    bytes32[TREE_DEPTH] private zeroHashes;
    uint256 private depositCount;

    error NotOwner();
    error NotAllowlistAdmin();
    error NotPendingOwner();
    error NotPendingAllowlistAdmin();
    error InvalidAddress();
    error NoPendingTransfer();
    error DepositIntentNotAllowlisted();
    error DepositIntentAlreadyConsumed();
    error DepositIntentAlreadyAllowed();
    error InvalidAuthorizedDepositor();
    error InvalidAllowedDepositAmount();
    error Phase1DepositMustBeExactly32CTN();
    error WithdrawalCredentialsMustBeExecutionAddress();
    error NonCanonicalWithdrawalCredentials();
    error VaultNotFactoryRegistered();
    error VaultPubkeyBindingMismatch();
    error ValidatorAlreadyActivated();
    error DepositDataRootMismatch();

    /// @dev The canonical event: no indexed fields, 576 bytes of data, little-endian amount and index.
    event DepositEvent(bytes pubkey, bytes withdrawal_credentials, bytes amount, bytes signature, bytes index);
    event DepositIntentAllowedFor(
        bytes32 indexed intentHash, address indexed authorizedDepositor, bytes pubkey, bytes withdrawalCredentials,
        uint64 amountGwei, uint256 epoch
    );
    event DepositIntentRemovedFor(bytes32 indexed intentHash, address indexed authorizedDepositor);
    event DepositIntentConsumedFor(bytes32 indexed intentHash, address indexed authorizedDepositor, bytes32 pubkeyHash);
    event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    event AllowlistAdminTransferStarted(address indexed currentAdmin, address indexed pendingAdmin);
    event AllowlistAdminTransferCancelled(address indexed pendingAdmin);
    event AllowlistAdminTransferred(address indexed previousAdmin, address indexed newAdmin, uint256 newEpoch);

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    modifier onlyAllowlistAdmin() {
        if (msg.sender != allowlistAdmin) revert NotAllowlistAdmin();
        _;
    }

    constructor(address vaultFactory_) {
        if (vaultFactory_ == address(0)) revert InvalidAddress();
        vaultFactory = vaultFactory_;
        owner = msg.sender;
        allowlistAdmin = msg.sender;
        emit OwnershipTransferred(address(0), msg.sender);
        emit AllowlistAdminTransferred(address(0), msg.sender, 0);
        for (uint256 height = 0; height < TREE_DEPTH - 1; height++) {
            zeroHashes[height + 1] = sha256(abi.encodePacked(zeroHashes[height], zeroHashes[height]));
        }
    }

    // ------------------------------------------------------------- ownership

    function transferOwnership(address newOwner) external onlyOwner {
        if (newOwner == address(0)) revert InvalidAddress();
        pendingOwner = newOwner;
        emit OwnershipTransferStarted(owner, newOwner);
    }

    function acceptOwnership() external {
        if (msg.sender != pendingOwner) revert NotPendingOwner();
        emit OwnershipTransferred(owner, msg.sender);
        owner = msg.sender;
        pendingOwner = address(0);
    }

    // ------------------------------------------------------- allowlist admin

    function transferAllowlistAdmin(address newAdmin) external onlyAllowlistAdmin {
        if (newAdmin == address(0)) revert InvalidAddress();
        pendingAllowlistAdmin = newAdmin;
        emit AllowlistAdminTransferStarted(allowlistAdmin, newAdmin);
    }

    function cancelAllowlistAdminTransfer() external onlyAllowlistAdmin {
        address pending = pendingAllowlistAdmin;
        if (pending == address(0)) revert NoPendingTransfer();
        pendingAllowlistAdmin = address(0);
        emit AllowlistAdminTransferCancelled(pending);
    }

    /// @notice A new admin starts a new epoch: every intent the old admin wrote stops matching.
    function acceptAllowlistAdmin() external {
        if (msg.sender != pendingAllowlistAdmin) revert NotPendingAllowlistAdmin();
        address previous = allowlistAdmin;
        allowlistAdmin = msg.sender;
        pendingAllowlistAdmin = address(0);
        allowlistEpoch += 1;
        emit AllowlistAdminTransferred(previous, msg.sender, allowlistEpoch);
    }

    // ---------------------------------------------------------------- intents

    function depositIntentHash(
        bytes calldata pubkey,
        bytes calldata withdrawalCredentials,
        uint64 amountGwei,
        address authorizedDepositor,
        uint256 epoch
    ) public pure returns (bytes32) {
        return keccak256(abi.encode(pubkey, withdrawalCredentials, amountGwei, authorizedDepositor, epoch));
    }

    function isAllowedDepositIntentFor(
        bytes calldata pubkey,
        bytes calldata withdrawalCredentials,
        uint64 amountGwei,
        address authorizedDepositor
    ) external view returns (bool) {
        return allowedDeposits[
            depositIntentHash(pubkey, withdrawalCredentials, amountGwei, authorizedDepositor, allowlistEpoch)
        ];
    }

    /// @notice The admin itself is the depositor and the amount is the phase-1 32 CTN.
    function addAllowedDeposit(bytes calldata pubkey, bytes calldata withdrawalCredentials)
        external
        onlyAllowlistAdmin
        returns (bytes32)
    {
        return _allowIntent(pubkey, withdrawalCredentials, PHASE1_DEPOSIT_AMOUNT_GWEI, msg.sender);
    }

    function addAllowedDepositFor(
        bytes calldata pubkey,
        bytes calldata withdrawalCredentials,
        uint64 amountGwei,
        address authorizedDepositor
    ) external onlyAllowlistAdmin returns (bytes32) {
        return _allowIntent(pubkey, withdrawalCredentials, amountGwei, authorizedDepositor);
    }

    function removeAllowedDepositFor(
        bytes calldata pubkey,
        bytes calldata withdrawalCredentials,
        uint64 amountGwei,
        address authorizedDepositor
    ) external onlyAllowlistAdmin {
        bytes32 intent = depositIntentHash(pubkey, withdrawalCredentials, amountGwei, authorizedDepositor, allowlistEpoch);
        if (!allowedDeposits[intent]) revert DepositIntentNotAllowlisted();
        allowedDeposits[intent] = false;
        emit DepositIntentRemovedFor(intent, authorizedDepositor);
    }

    function _allowIntent(
        bytes calldata pubkey,
        bytes calldata withdrawalCredentials,
        uint64 amountGwei,
        address authorizedDepositor
    ) private returns (bytes32 intent) {
        if (authorizedDepositor == address(0)) revert InvalidAuthorizedDepositor();
        if (amountGwei != PHASE1_DEPOSIT_AMOUNT_GWEI) revert InvalidAllowedDepositAmount();
        intent = depositIntentHash(pubkey, withdrawalCredentials, amountGwei, authorizedDepositor, allowlistEpoch);
        if (consumedIntents[intent]) revert DepositIntentAlreadyConsumed();
        if (allowedDeposits[intent]) revert DepositIntentAlreadyAllowed();
        allowedDeposits[intent] = true;
        emit DepositIntentAllowedFor(intent, authorizedDepositor, pubkey, withdrawalCredentials, amountGwei, allowlistEpoch);
    }

    // ---------------------------------------------------------------- deposit

    function deposit(
        bytes calldata pubkey,
        bytes calldata withdrawal_credentials,
        bytes calldata signature,
        bytes32 deposit_data_root
    ) external payable {
        require(pubkey.length == 48, "DepositContract: invalid pubkey length");
        require(withdrawal_credentials.length == 32, "DepositContract: invalid withdrawal_credentials length");
        require(signature.length == 96, "DepositContract: invalid signature length");
        require(msg.value >= 1 ether, "DepositContract: deposit value too low");
        require(msg.value % 1 gwei == 0, "DepositContract: deposit value not multiple of gwei");
        uint256 valueGwei = msg.value / 1 gwei;
        if (valueGwei != PHASE1_DEPOSIT_AMOUNT_GWEI) revert Phase1DepositMustBeExactly32CTN();
        uint64 amountGwei = uint64(valueGwei);

        bytes32 pubkeyHash = _checkCustody(pubkey, withdrawal_credentials);
        if (phase1ValidatorActivated[pubkeyHash]) revert ValidatorAlreadyActivated();

        bytes32 intent = depositIntentHash(pubkey, withdrawal_credentials, amountGwei, msg.sender, allowlistEpoch);
        if (consumedIntents[intent]) revert DepositIntentAlreadyConsumed();
        if (!allowedDeposits[intent]) revert DepositIntentNotAllowlisted();

        bytes memory amount = _toLittleEndian64(amountGwei);
        if (_depositDataRoot(pubkey, withdrawal_credentials, amount, signature) != deposit_data_root) {
            revert DepositDataRootMismatch();
        }

        phase1ValidatorActivated[pubkeyHash] = true;
        allowedDeposits[intent] = false;
        consumedIntents[intent] = true;

        emit DepositEvent(pubkey, withdrawal_credentials, amount, signature, _toLittleEndian64(uint64(depositCount)));
        emit DepositIntentConsumedFor(intent, msg.sender, pubkeyHash);
        _insertLeaf(deposit_data_root);
    }

    /// @dev The credentials must name the vault the factory deployed for exactly this pubkey.
    function _checkCustody(bytes calldata pubkey, bytes calldata wc) private view returns (bytes32 pubkeyHash) {
        if (wc[0] != 0x01) revert WithdrawalCredentialsMustBeExecutionAddress();
        for (uint256 i = 1; i < 12; i++) {
            if (wc[i] != 0x00) revert NonCanonicalWithdrawalCredentials();
        }
        address vault = address(bytes20(wc[12:32]));
        if (!IVaultRegistry(vaultFactory).isVault(vault)) revert VaultNotFactoryRegistered();
        pubkeyHash = sha256(pubkey);
        if (IVaultRegistry(vaultFactory).vaultByValidatorPubkeyHash(pubkeyHash) != vault) {
            revert VaultPubkeyBindingMismatch();
        }
    }

    function _depositDataRoot(bytes calldata pubkey, bytes calldata wc, bytes memory amount, bytes calldata signature)
        private
        pure
        returns (bytes32)
    {
        bytes32 pubkeyRoot = sha256(abi.encodePacked(pubkey, bytes16(0)));
        bytes32 signatureRoot = sha256(
            abi.encodePacked(sha256(abi.encodePacked(signature[:64])), sha256(abi.encodePacked(signature[64:], bytes32(0))))
        );
        return sha256(
            abi.encodePacked(
                sha256(abi.encodePacked(pubkeyRoot, wc)), sha256(abi.encodePacked(amount, bytes24(0), signatureRoot))
            )
        );
    }

    // ------------------------------------------------------------ deposit tree

    function _insertLeaf(bytes32 leaf) private {
        require(depositCount < MAX_DEPOSIT_COUNT, "DepositContract: merkle tree full");
        depositCount += 1;
        uint256 size = depositCount;
        bytes32 node = leaf;
        for (uint256 height = 0; height < TREE_DEPTH; height++) {
            if (size & 1 == 1) {
                branch[height] = node;
                return;
            }
            node = sha256(abi.encodePacked(branch[height], node));
            size >>= 1;
        }
        assert(false); // unreachable while depositCount < MAX_DEPOSIT_COUNT
    }

    function get_deposit_root() external view returns (bytes32) {
        bytes32 node;
        uint256 size = depositCount;
        for (uint256 height = 0; height < TREE_DEPTH; height++) {
            if (size & 1 == 1) {
                node = sha256(abi.encodePacked(branch[height], node));
            } else {
                node = sha256(abi.encodePacked(node, zeroHashes[height]));
            }
            size >>= 1;
        }
        return sha256(abi.encodePacked(node, _toLittleEndian64(uint64(depositCount)), bytes24(0)));
    }

    function get_deposit_count() external view returns (bytes memory) {
        return _toLittleEndian64(uint64(depositCount));
    }

    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        // ERC-165 itself, and the canonical deposit interface (deposit ^ get_deposit_root ^ get_deposit_count).
        return interfaceId == 0x01ffc9a7 || interfaceId == (bytes4(0x22895118) ^ bytes4(0xc5f2892f) ^ bytes4(0x621fd130));
    }

    function _toLittleEndian64(uint64 value) private pure returns (bytes memory out) {
        out = new bytes(8);
        for (uint256 i = 0; i < 8; i++) {
            out[i] = bytes1(uint8(value >> (8 * i)));
        }
    }
}
