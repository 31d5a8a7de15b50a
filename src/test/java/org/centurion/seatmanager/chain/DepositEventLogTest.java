package org.centurion.seatmanager.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/** The one DepositEvent decoder: exact field sizes, little-endian amount and index, malformed data refused. */
class DepositEventLogTest {
  static byte[] filled(int n, int b) {
    byte[] out = new byte[n];
    Arrays.fill(out, (byte) b);
    return out;
  }

  static byte[] littleEndian(long v) {
    byte[] out = new byte[8];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (v >>> (8 * i));
    }
    return out;
  }

  static String data(byte[] pubkey, byte[] wc, byte[] amount, byte[] signature, byte[] index) {
    return "0x" + FunctionEncoder.encodeConstructor(List.of(new DynamicBytes(pubkey), new DynamicBytes(wc),
        new DynamicBytes(amount), new DynamicBytes(signature), new DynamicBytes(index)));
  }

  static Log log(String data) {
    Log l = new Log();
    l.setBlockNumber("0x10");
    l.setBlockHash("0x" + "AB".repeat(32));
    l.setTransactionHash("0x" + "CD".repeat(32));
    l.setLogIndex("0x2");
    l.setAddress("0x" + "11".repeat(20));
    l.setData(data);
    return l;
  }

  @Test
  void decodesTheFiveFieldsWithLittleEndianAmountAndIndex() {
    byte[] wc = filled(32, 0);
    wc[0] = 1;
    DepositEventLog e = DepositEventLog.fromLog("test", log(data(filled(48, 0xaa), wc, littleEndian(32_000_000_000L),
        filled(96, 0x5a), littleEndian(258))));
    assertThat(e.blockNumber()).isEqualTo(16);
    assertThat(e.blockHash()).isEqualTo("0x" + "ab".repeat(32));
    assertThat(e.txHash()).isEqualTo("0x" + "cd".repeat(32));
    assertThat(e.logIndex()).isEqualTo(2);
    assertThat(e.pubkey()).isEqualTo("0x" + "aa".repeat(48));
    assertThat(e.withdrawalCredentials()).isEqualTo(Numeric.toHexString(wc));
    assertThat(e.amountGwei()).isEqualTo(32_000_000_000L);
    assertThat(e.depositIndex()).isEqualTo(258);
    assertThat(DepositEventLog.TOPIC).isEqualTo(Numeric.toHexString(org.web3j.crypto.Hash.sha3(
        DepositEventLog.SIGNATURE.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
  }

  @Test
  void aFieldOfTheWrongSizeOrTruncatedDataIsAChainErrorNotADeposit() {
    String shortPubkey = data(filled(47, 1), filled(32, 0), littleEndian(1), filled(96, 0), littleEndian(0));
    assertThatThrownBy(() -> DepositEventLog.fromLog("el-a", log(shortPubkey)))
        .isInstanceOf(ChainException.class).hasMessageContaining("el-a").hasMessageContaining("field 0");
    String good = data(filled(48, 1), filled(32, 0), littleEndian(1), filled(96, 0), littleEndian(0));
    assertThatThrownBy(() -> DepositEventLog.fromLog("el-a", log(good.substring(0, good.length() - 64))))
        .isInstanceOf(ChainException.class);
    assertThatThrownBy(() -> DepositEventLog.decode(1, "0x00", "0x00", 0, new BigInteger("1").toByteArray()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
