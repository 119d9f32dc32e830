// One on-chip SRAM buffer as a behavioural byte-addressed memory of BYTES bytes, zero at power-up,
// with two groups of read ports and two groups of write ports, each port as wide as its group
// needs (an int8 lane reads one byte, a POST lane a 12-byte record). A read port returns the
// *_READ_BYTES bytes from its address on, combinationally (little-endian; bytes past the end read as
// 0); a write port writes `count` bytes (at most its group's width) of its data from its address on
// at the clock edge, group B after group A and later ports after earlier ones, the last one winning.
// A group of 0 ports keeps one unused port.
module vggc_sram_buffer #(
    parameter int BYTES = 4096,
    parameter int ADDRESS_BITS = $clog2(BYTES),
    parameter int A_READ_PORTS = 1,
    parameter int A_READ_BYTES = 1,
    parameter int B_READ_PORTS = 0,
    parameter int B_READ_BYTES = 1,
    parameter int A_WRITE_PORTS = 1,
    parameter int A_WRITE_BYTES = 1,
    parameter int B_WRITE_PORTS = 0,
    parameter int B_WRITE_BYTES = 1
) (
    input  logic                                       clk,
    input  logic [A_READ_PORTS*ADDRESS_BITS-1:0]       a_read_address,
    output logic [A_READ_PORTS*A_READ_BYTES*8-1:0]     a_read_data,
    input  logic [(B_READ_PORTS > 0 ? B_READ_PORTS : 1)*ADDRESS_BITS-1:0]            b_read_address,
    output logic [(B_READ_PORTS > 0 ? B_READ_PORTS : 1)*B_READ_BYTES*8-1:0]          b_read_data,
    input  logic [A_WRITE_PORTS*ADDRESS_BITS-1:0]      a_write_address,
    input  logic [A_WRITE_PORTS*A_WRITE_BYTES*8-1:0]   a_write_data,
    input  logic [A_WRITE_PORTS*5-1:0]                 a_write_count,
    input  logic [(B_WRITE_PORTS > 0 ? B_WRITE_PORTS : 1)*ADDRESS_BITS-1:0]           b_write_address,
    input  logic [(B_WRITE_PORTS > 0 ? B_WRITE_PORTS : 1)*B_WRITE_BYTES*8-1:0]        b_write_data,
    input  logic [(B_WRITE_PORTS > 0 ? B_WRITE_PORTS : 1)*5-1:0]                      b_write_count
);
  localparam int SPAN_BITS = ADDRESS_BITS + 5;
  logic [7:0] memory[BYTES] /*verilator public_flat_rd*/;  // the testbench reads it (layer snapshots)

  initial begin
    for (int address = 0; address < BYTES; address++) memory[address] = 8'd0;
  end

  // Byte `offset` from `address` on, or 0 past the end.
  function automatic logic [7:0] read_byte(input logic [ADDRESS_BITS-1:0] address, input logic [4:0] offset);
    logic [SPAN_BITS-1:0] location;
    location = SPAN_BITS'(address) + SPAN_BITS'(offset);
    read_byte = location < SPAN_BITS'(BYTES) ? memory[location[ADDRESS_BITS-1:0]] : 8'd0;
  endfunction

  always_comb begin
    for (int port = 0; port < A_READ_PORTS; port++)
      for (int offset = 0; offset < A_READ_BYTES; offset++)
        a_read_data[8*(A_READ_BYTES*port+offset)+:8] = read_byte(a_read_address[ADDRESS_BITS*port+:ADDRESS_BITS], 5'(offset));
    b_read_data = '0;
    for (int port = 0; port < B_READ_PORTS; port++)
      for (int offset = 0; offset < B_READ_BYTES; offset++)
        b_read_data[8*(B_READ_BYTES*port+offset)+:8] = read_byte(b_read_address[ADDRESS_BITS*port+:ADDRESS_BITS], 5'(offset));
  end

  // Blocking writes: Verilator cannot delay writes to an unpacked array from inside a loop, and
  // nothing reads the memory in a clocked block.
  /* verilator lint_off BLKSEQ */
  always_ff @(posedge clk) begin
    logic [SPAN_BITS-1:0] location;
    for (int port = 0; port < A_WRITE_PORTS; port++) begin
      for (int offset = 0; offset < A_WRITE_BYTES; offset++) begin
        location = SPAN_BITS'(a_write_address[ADDRESS_BITS*port+:ADDRESS_BITS]) + SPAN_BITS'(offset);
        if (5'(offset) < a_write_count[5*port+:5] && location < SPAN_BITS'(BYTES))
          memory[location[ADDRESS_BITS-1:0]] = a_write_data[8*(A_WRITE_BYTES*port+offset)+:8];
      end
    end
    for (int port = 0; port < B_WRITE_PORTS; port++) begin
      for (int offset = 0; offset < B_WRITE_BYTES; offset++) begin
        location = SPAN_BITS'(b_write_address[ADDRESS_BITS*port+:ADDRESS_BITS]) + SPAN_BITS'(offset);
        if (5'(offset) < b_write_count[5*port+:5] && location < SPAN_BITS'(BYTES))
          memory[location[ADDRESS_BITS-1:0]] = b_write_data[8*(B_WRITE_BYTES*port+offset)+:8];
      end
    end
  end
  /* verilator lint_on BLKSEQ */
endmodule
