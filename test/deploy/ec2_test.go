package deploy

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// deleteRouteTables deletes the stack's route tables through the EC2 API, as moto 5.2.1's
// CloudFormation deletes no AWS::EC2::RouteTable (nor its associations) with the stack,
// and then refuses to delete the VPC: "The vpc vpc-... has dependencies and cannot be
// deleted." It returns how many it deleted.
func (d *deployer) deleteRouteTables(t *testing.T, stack string, resources map[string]resource) int {
	t.Helper()
	n := 0
	for _, r := range resources {
		if r.typ != "AWS::EC2::RouteTable" {
			continue
		}
		var tables struct {
			Tables []struct {
				Associations []struct {
					ID   string `xml:"routeTableAssociationId"`
					Main bool   `xml:"main"`
				} `xml:"associationSet>item"`
			} `xml:"routeTableSet>item"`
		}
		if err := xml.Unmarshal(d.ec2(t, "DescribeRouteTables", url.Values{"RouteTableId.1": {r.id}}), &tables); err != nil {
			t.Fatalf("%s: DescribeRouteTables %s: %v", stack, r.id, err)
		}
		for _, table := range tables.Tables {
			for _, a := range table.Associations {
				if !a.Main {
					d.ec2(t, "DisassociateRouteTable", url.Values{"AssociationId": {a.ID}})
				}
			}
		}
		d.ec2(t, "DeleteRouteTable", url.Values{"RouteTableId": {r.id}})
		n++
	}
	return n
}

// addDefaultSecurityGroups adds to resources the DefaultSecurityGroup attribute of each
// VPC of the stack (the group EC2 made with it, named "default"), which aws-cdk-lib's
// restrictDefaultSecurityGroup handler's role names, as "<VPC id>.DefaultSecurityGroup".
func (d *deployer) addDefaultSecurityGroups(t *testing.T, stack string, resources map[string]resource) {
	t.Helper()
	for id, r := range resources {
		if r.typ != "AWS::EC2::VPC" {
			continue
		}
		var groups struct {
			IDs []string `xml:"securityGroupInfo>item>groupId"`
		}
		body := d.ec2(t, "DescribeSecurityGroups", url.Values{
			"Filter.1.Name": {"vpc-id"}, "Filter.1.Value.1": {r.id},
			"Filter.2.Name": {"group-name"}, "Filter.2.Value.1": {"default"},
		})
		if err := xml.Unmarshal(body, &groups); err != nil || len(groups.IDs) != 1 {
			t.Fatalf("%s: the default security group of VPC %s: %v %s", stack, r.id, err, body)
		}
		resources[id+".DefaultSecurityGroup"] = resource{typ: attribute, id: groups.IDs[0]}
	}
}

// ec2 calls an action of the EC2 Query API and returns the response body. The SDK's EC2
// client is not used: it takes minutes to compile, for three calls.
func (d *deployer) ec2(t *testing.T, action string, params url.Values) []byte {
	t.Helper()
	ctx := context.Background()
	params.Set("Action", action)
	params.Set("Version", "2016-11-15")
	body := params.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.endpoint+"/", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	creds, err := d.creds.Retrieve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(body))
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "ec2", region, time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("EC2 %s: %v", action, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("%s: %s", resp.Status, b)
	}
	if err != nil {
		t.Fatalf("EC2 %s %v: %v", action, params, err)
	}
	return b
}
